-- Indicators subsidy_granted / subsidy_paid / subsidy_spent (DOMAIN §4.3) per region and
-- subsidy year, with the paid and spent shares of what was granted. Source: fct_grant
-- (grant administrator's decisions and payments; the regions' reports).
with

grants as (
    select * from {{ ref('fct_grant') }}
    where region_key is not null
)

select
    region_id,
    regulation_period,
    subsidiejaar,
    cast(coalesce(granted_eur, 0) as numeric) as granted_eur,
    cast(coalesce(paid_eur, 0) as numeric) as paid_eur,
    cast(coalesce(spent_eur, 0) as numeric) as spent_eur,
    case
        when granted_eur > 0 then cast(coalesce(paid_eur, 0) / granted_eur as double precision)
    end as paid_share,
    case
        when granted_eur > 0 then cast(coalesce(spent_eur, 0) / granted_eur as double precision)
    end as spent_share
from grants
