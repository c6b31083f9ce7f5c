"""What taxonomy tells the apps that build on its vocabulary, without importing them.

Dependencies point one way (taxonomy <- cases, ta_library, experts): an app that keeps
something derived from the terms connects a receiver here from its AppConfig.ready().
"""

from django.dispatch import Signal

# Sent after staff added, changed or deleted terms (`sender` is the term model).
terms_changed = Signal()
