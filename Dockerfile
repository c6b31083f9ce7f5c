# Production image: one image for web, worker and beat.
# CPython 3.13: the newest version the whole suite runs on here (3.11-3.14 are supported).
FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=cgrs.settings.production
WORKDIR /app
RUN useradd --create-home --uid 1000 cgrs
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && rm -rf build *.egg-info
COPY . .
# collectstatic needs settings that import cleanly; real values come at run time.
RUN SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost \
    python manage.py collectstatic --noinput
USER cgrs
EXPOSE 8000
CMD ["gunicorn", "cgrs.wsgi:application", "--config", "python:cgrs.gunicorn_conf"]
