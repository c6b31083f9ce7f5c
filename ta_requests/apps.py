from django.apps import AppConfig


class TaRequestsConfig(AppConfig):
    name = "ta_requests"
    verbose_name = "Requests for more help"
