# One image for every Tripsmith process; docker-compose.yml picks the process by command.
FROM python:3.11-slim

WORKDIR /app
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY pyproject.toml README.md ./
COPY tripsmith ./tripsmith
COPY services ./services
COPY workflows ./workflows
RUN pip install --no-cache-dir --no-deps . \
    && useradd --system --uid 10001 tripsmith \
    && mkdir -p /var/lib/tripsmith && chown tripsmith /var/lib/tripsmith

USER tripsmith
ENV TRIPSMITH_BIND_HOST=0.0.0.0 TRIPSMITH_DATA_DIR=/var/lib/tripsmith
