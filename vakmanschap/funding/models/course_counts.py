"""How many cheques of a course were issued per day and not cancelled: the course cap reads
these few rows instead of counting the course's cheques. Kept by database triggers on the
cheque table (migration 0015), so every writer keeps it right, bulk and raw SQL included."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CourseChequeDay(models.Model):
    course = models.ForeignKey("catalogue.Course", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()  # the day (UTC) of the cheques' issued_at
    cheques = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("cheques of a course on a day")
        verbose_name_plural = _("cheques of a course per day")
        constraints = [
            models.UniqueConstraint(fields=["course", "day"], name="course_cheque_day_unique"),
            models.CheckConstraint(
                condition=Q(cheques__gte=0), name="course_cheque_day_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.course_id} {self.day}: {self.cheques}"
