from legal.models import AuthorityNotification


def notifications_of_case(case_id: int) -> list[AuthorityNotification]:
    """The case's Art. 18 notifications, newest first, with who recorded them."""
    return list(AuthorityNotification.objects.filter(case_id=case_id).select_related("moderator"))
