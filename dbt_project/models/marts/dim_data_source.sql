-- Every input behind the published tables, with its quality (issue 12): each DUO partition's
-- current file and each loaded submission (synthetic when the generator recorded its sha256 in
-- audit.synthetic_files, else real), and the seeds that hold made-up or placeholder rows
-- (sub_max_subsidy_2025_2028 flags its own; sto_region_placeholder is used only without any
-- registration). A published row's lineage (file sha256, region, seed) leads here.
with

synthetic as (
    select file_sha256 from {{ source('audit', 'synthetic_files') }}
),

partitions as (
    select
        'duo' as source_kind,
        partitions.dataset,
        partitions.period,
        partitions.file_sha256,
        files.original_name
    from {{ source('audit', 'partitions') }} as partitions
    left join {{ source('audit', 'files') }} as files
        on partitions.file_sha256 = files.file_sha256
),

submissions as (
    select
        'submission' as source_kind,
        coalesce(submission_type, 'onbekend') as dataset,
        concat_ws(' ', region_id, period) as period,
        file_sha256,
        source_file as original_name
    from {{ source('audit', 'submissions') }}
    where status = 'loaded'
),

files as (
    select * from partitions
    union all
    select * from submissions
),

seeds as (
    select
        'seed' as source_kind,
        'sub_max_subsidy_2025_2028' as dataset,
        'sto_2025_2028' as period,
        cast(null as text) as file_sha256,
        'sub_max_subsidy_2025_2028.csv' as original_name,
        case when bool_or(is_synthetic) then 'synthetic' else 'real' end as source_quality,
        'Maximum per 2025-2028 region (bijlage 3 of Stcrt. 2024-11193 not retrievable)' as note
    from {{ ref('sub_max_subsidy_2025_2028') }}
    union all
    select
        'seed' as source_kind,
        'sto_region_placeholder' as dataset,
        max(region_period) as period,
        cast(null as text) as file_sha256,
        'sto_region_placeholder.csv' as original_name,
        'placeholder' as source_quality,
        'Regions used only while no registration is loaded' as note
    from {{ ref('dim_region') }}
    where is_placeholder
    having count(*) > 0
)

select
    {{ surrogate_key(['files.source_kind', 'files.dataset', 'files.period', 'files.file_sha256']) }}
        as data_source_key,
    files.source_kind,
    files.dataset,
    files.period,
    files.file_sha256,
    files.original_name,
    case when synthetic.file_sha256 is not null then 'synthetic' else 'real' end
        as source_quality,
    synthetic.file_sha256 is not null as is_synthetic,
    cast(null as text) as note
from files
left join synthetic on files.file_sha256 = synthetic.file_sha256
union all
select
    {{ surrogate_key(['seeds.source_kind', 'seeds.dataset', 'seeds.period']) }}
        as data_source_key,
    seeds.source_kind,
    seeds.dataset,
    seeds.period,
    seeds.file_sha256,
    seeds.original_name,
    seeds.source_quality,
    seeds.source_quality <> 'real' as is_synthetic,
    seeds.note
from seeds
