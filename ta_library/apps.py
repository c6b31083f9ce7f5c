from django.apps import AppConfig


class TaLibraryConfig(AppConfig):
    name = "ta_library"
    verbose_name = "TA Library"
