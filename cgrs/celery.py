"""Celery application (pattern of cookiecutter-django `config/celery_app.py`)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cgrs.settings.local")

app = Celery("cgrs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
