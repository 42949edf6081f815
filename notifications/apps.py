from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self):
        from core.mail import mail_headers_register
        from notifications.unsubscribe import unsubscribe_headers

        mail_headers_register(unsubscribe_headers)
