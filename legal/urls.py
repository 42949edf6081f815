from django.urls import path

from legal import views, views_art18

urlpatterns = [
    path("legal/notice/", views.notice, name="legal_notice"),
    path("legal/terms/", views.terms, name="legal_terms"),
    path("legal/privacy/", views.privacy, name="legal_privacy"),
    path("legal/contact/", views.contact, name="legal_contact"),
    path("legal/compliance/", views.compliance, name="legal_compliance"),
    path(
        "moderation/cases/<id:case_id>/authorities/",
        views_art18.notify_authorities,
        name="art18_notify",
    ),
]
