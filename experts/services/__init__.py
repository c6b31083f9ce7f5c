"""Every write to a listing, one job a module: the keeper's listing (listing), staff
vetting (review), "accepting new cases" (availability), and the emails they send through
Celery, after commit, with ids only (emails). Each write that changes what the expert
search shows bumps the listings' version in its transaction (listings_version)."""
