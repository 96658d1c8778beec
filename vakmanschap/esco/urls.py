

app_name = "esco"

# Occupation and skill pages are added with the ESCO import (see vakmanschap/esco/views.py).
urlpatterns: list = []
