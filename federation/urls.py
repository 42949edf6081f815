from django.urls import path

from federation import inbox_views, views

app_name = "federation"

urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/host-meta", views.host_meta, name="host_meta"),
    path(".well-known/nodeinfo", views.nodeinfo_index, name="nodeinfo_index"),
    path("nodeinfo/2.1", views.nodeinfo, name="nodeinfo"),
    path("actor/", views.instance_actor_view, name="instance_actor"),
    path("inbox/", inbox_views.shared_inbox, name="shared_inbox"),
    path("u/<str:username>/ap/inbox/", inbox_views.member_inbox, name="inbox"),
    path("u/<str:username>/ap/outbox/", views.outbox, name="outbox"),
    path("u/<str:username>/ap/followers/", views.followers, name="followers"),
    path("u/<str:username>/ap/following/", views.following, name="following"),
]
