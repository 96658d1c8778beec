from django import template

from vakmanschap.skills.permissions import can_edit_person_skills

register = template.Library()


@register.filter
def may_edit_skills(user, participant) -> bool:
    """{% if request.user|may_edit_skills:participant %}"""
    return can_edit_person_skills(user, participant)
