"""The unread badge of the page frame, for signed-in members only: an anonymous page
gets nothing from here, so it stays the same for everyone and cacheable
(web.middleware.AnonymousPageCache). The count comes from notifications.badge's cache."""

from notifications.badge import badge_count


class _Unread:
    """Counted when the template first asks (the frame's memo key), once per request."""

    def __init__(self, user):
        self.user, self.value = user, None

    def __call__(self) -> int:
        if self.value is None:
            self.value = badge_count(self.user)
        return self.value


def unread(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": _Unread(user)}
