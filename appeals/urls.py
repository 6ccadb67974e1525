from django.urls import path

from appeals import staff_views, views

app_name = "appeals"
urlpatterns = [
    path("", views.appeal_list, name="list"),
    path("new/", views.appeal_new, name="new"),
    path("<int:pk>/", views.appeal_detail, name="detail"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<int:pk>/files/<int:file_pk>/", views.file_download, name="file_download"),
    path("staff/<int:pk>/", staff_views.appeal_work, name="staff_work"),
    path("staff/<int:pk>/take/", staff_views.take_into_work, name="staff_take"),
    path("staff/<int:pk>/answer/", staff_views.send_answer, name="staff_answer"),
    path("staff/<int:pk>/notes/", staff_views.add_note, name="staff_note"),
    path("staff/<int:pk>/files/<int:file_pk>/", staff_views.file_download, name="staff_file_download"),
]
