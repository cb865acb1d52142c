#!/bin/sh
# Writes ./.env for docker-compose.yml (compose reads it automatically; it is in .gitignore):
# your UID, so files in the bind-mounted folders stay yours, and fresh random secrets. Hex
# passwords, because compose pastes them into connection URLs unescaped. Never overwrites.
set -eu
cd "$(dirname "$0")/.."
if [ -e .env ]; then
    echo ".env already exists; remove it first to generate new secrets" >&2
    exit 1
fi
umask 077
{
    echo "AIRFLOW_UID=$(id -u)"
    for key in STO_PG_SUPERUSER_PASSWORD STO_LOADER_PASSWORD STO_TRANSFORMER_PASSWORD \
        STO_BI_READER_PASSWORD STO_RESEARCHER_PASSWORD STO_AIRFLOW_DB_PASSWORD \
        STO_AIRFLOW_ADMIN_PASSWORD STO_AIRFLOW_JWT_SECRET STO_AIRFLOW_API_SECRET_KEY \
        STO_PSEUDONYM_KEY STO_PORTAL_PASSWORD STO_PORTAL_SECRET_KEY; do
        echo "${key}=$(openssl rand -hex 24)"
    done
    # A Fernet key is 32 random bytes, URL-safe base64.
    echo "STO_AIRFLOW_FERNET_KEY=$(openssl rand -base64 32 | tr '+/' '-_')"
} > .env
echo "wrote .env (mode 0600)"
