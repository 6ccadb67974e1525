from django.urls import path

from addresses.notices import staff_views, views

# Included into addresses/urls.py: the names stay in the `addresses` namespace.
urlpatterns = [
    path("served/", views.served_list, name="served"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/new/", views.notice_new, name="notice_new"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("notices/<int:pk>/edit/", views.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/notice.txt", views.notice_text, name="notice_text"),
    path("notices/<int:pk>/sign/", views.notice_sign, name="notice_sign"),
    path("staff/notices/", staff_views.notice_queue, name="staff_notices"),
    path("staff/notices/<int:pk>/", staff_views.notice_review, name="staff_notice"),
    path("staff/notices/<int:pk>/decide/", staff_views.notice_decide, name="staff_notice_decide"),
]
