import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vakmanschap.settings")
application = get_wsgi_application()
# Import the URLconf and with it every view now, not at the first request: gunicorn preloads
# this module in its master, so the workers share these modules (about 48 MB) instead of each
# importing its own copy.
_views = get_resolver().url_patterns
