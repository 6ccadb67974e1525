from django.urls import path

from addresses import notice_staff_views, notice_views, views

app_name = "addresses"

urlpatterns = [
    path("suggest/", views.suggest, name="suggest"),
    path("served/", notice_views.served_list, name="served"),
    path("notices/", notice_views.notice_list, name="notices"),
    path("notices/new/", notice_views.notice_new, name="notice_new"),
    path("notices/<int:pk>/", notice_views.notice_detail, name="notice"),
    path("notices/<int:pk>/edit/", notice_views.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/notice.txt", notice_views.notice_text, name="notice_text"),
    path("notices/<int:pk>/sign/", notice_views.notice_sign, name="notice_sign"),
    path("staff/notices/", notice_staff_views.notice_queue, name="staff_notices"),
    path("staff/notices/<int:pk>/", notice_staff_views.notice_review, name="staff_notice"),
    path("staff/notices/<int:pk>/decide/", notice_staff_views.notice_decide, name="staff_notice_decide"),
]
