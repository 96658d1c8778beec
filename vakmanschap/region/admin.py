"""Admin: regions and municipalities are imported (`import_regions`) and editable here."""

from django.contrib import admin

from .models import LabourMarketRegion, Municipality


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    fields = ["cbs_code", "name"]
    extra = 0


@admin.register(LabourMarketRegion)
class LabourMarketRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_home"]
    search_fields = ["name", "code"]
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "cbs_code"]
