FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY propertyhub ./propertyhub
COPY workers ./workers
COPY migrations ./migrations
RUN pip install --no-cache-dir -c requirements.lock -e .
ENV PORT=8000
CMD ["propertyhub", "serve"]
