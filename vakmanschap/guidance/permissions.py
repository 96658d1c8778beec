from vakmanschap.people.permissions import in_advisors_care


def can_manage_conversations(user, obj=None) -> bool:
    """Advisors hold conversations with the participants in their care (a conversation or a
    participant as the object). Notes stay within the advice organisation: never shown to the
    fund, employers or providers."""
    return in_advisors_care(user, obj)
