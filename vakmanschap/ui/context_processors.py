from django.conf import settings

from vakmanschap.core.navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    items = items_for(user) if user is not None and user.is_authenticated else []
    return {"nav_items": items, "demo_mode": settings.DEMO_MODE}
