#!/usr/bin/env bash
# airflow-init (docker-compose.yml): runs once, as root, before any other Airflow service starts.
# The compose counterpart of the warehouse/Airflow half of `sto up`: $STO_HOME folders, the
# warehouse roles and schema, the Airflow metadata database and the UI login.
set -euo pipefail

uid="${AIRFLOW_UID:-50000}"

echo "STO_HOME=${STO_HOME}: creating folders"
mkdir -p "${STO_HOME}"/{landing/duo,landing/submissions,archive,quarantine,feedback,reports,datadocs,dbt,logs,run} \
    "${AIRFLOW_HOME}/logs"

echo "warehouse: roles (the portal's too) and migrations (sto db upgrade)"
sto db upgrade

echo "Airflow metadata database (airflow db migrate)"
airflow db migrate

# SimpleAuthManager reads the admin password from this file (written by the same function `sto up`
# uses, from STO_AIRFLOW_ADMIN_PASSWORD), so the UI login is the one in .env.
python -c 'from sto_warehouse import airflow_service, config; airflow_service.write_password(config.load_settings())'

# The transform DAG's dbt_nodes tasks come from dbt's manifest (`sto up` does the same).
echo "dbt: the project's nodes as Airflow tasks (dbt parse)"
python -c 'from sto_warehouse import config, dbt_runner; dbt_runner.refresh_node_graph(config.load_settings())'

# Everything above ran as root; the services run as ${AIRFLOW_UID}:0.
chown -R "${uid}:0" "${STO_HOME}"
chmod -R g+rwX "${STO_HOME}"
chmod 0600 "${AIRFLOW_HOME}/passwords.json"
echo "airflow-init done"
