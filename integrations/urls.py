from django.urls import path

from integrations import received_views, staff_views, views

app_name = "integrations"

urlpatterns = [
    path("", views.system_list, name="systems"),
    path("new/", views.system_new, name="system_new"),
    path("<int:pk>/", views.system_detail, name="system"),
    path("<int:pk>/delete/", views.system_delete, name="delete"),
    path("<int:pk>/application.txt", views.system_text, name="text"),
    path("<int:pk>/sign/", views.system_sign, name="sign"),
    path("<int:pk>/renew/", views.system_renew, name="renew"),
    path("<int:pk>/renewal.txt", views.renewal_text, name="renewal_text"),
    path("rights/", views.delegation_list, name="delegations"),
    path("rights/<int:pk>/revoke/", views.delegation_revoke, name="delegation_revoke"),
    path("received/", received_views.received_list, name="received"),
    path("received/<int:pk>/", received_views.received_detail, name="received_detail"),
    path("received/<int:pk>/accept/", received_views.received_accept, name="received_accept"),
    path("received/<int:pk>/reject/", received_views.received_reject, name="received_reject"),
    path("staff/", staff_views.system_queue, name="staff_systems"),
    path("staff/<int:pk>/", staff_views.system_review, name="staff_system"),
    path("staff/<int:pk>/activate/", staff_views.system_activate, name="staff_activate"),
    path("staff/<int:pk>/reject/", staff_views.system_reject, name="staff_reject"),
    path("staff/<int:pk>/block/", staff_views.system_block, name="staff_block"),
    path("staff/<int:pk>/unblock/", staff_views.system_unblock, name="staff_unblock"),
    path("staff/operators/", staff_views.operator_list, name="staff_operators"),
    path("staff/operators/<int:user_id>/grant/", staff_views.operator_grant, name="staff_operator_grant"),
]
