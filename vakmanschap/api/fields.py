"""Serializer fields shared by the apps' APIs."""

from rest_framework import serializers


class LookupField(serializers.SlugRelatedField):
    """A lookup by a text key (a code, a URI). A value with a NUL character names no row, and
    PostgreSQL refuses it even inside a query, so it is refused before the query is made."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)
