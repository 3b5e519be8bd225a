# The graphcrm web app; Neo4j runs in its own container (see docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 GRAPHCRM_HOME=/data/graphcrm
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphcrm ./graphcrm
# A regular install: statements, templates and static files are package data.
RUN pip install --no-cache-dir . && python -c "from graphcrm import i18n; i18n.compiled_dir()" && useradd --create-home graphcrm && mkdir -p /data/graphcrm \
    && chown graphcrm /data/graphcrm
USER graphcrm
EXPOSE 5000
CMD ["sh", "-c", "graphcrm db migrate && exec gunicorn --bind 0.0.0.0:5000 --worker-class gthread --workers 2 --threads 8 --access-logfile - 'graphcrm.http.app:create_app()'"]
