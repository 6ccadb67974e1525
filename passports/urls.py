from django.urls import path

from passports import staff_views, views

app_name = "passports"
urlpatterns = [
    path("", views.passport_list, name="list"),
    path("buildings/", views.building_list, name="buildings"),
    path("buildings/<int:address_id>/new/", views.passport_create, name="create"),
    path("<int:pk>/", views.passport_detail, name="detail"),
    path("<int:pk>/edit/", views.passport_edit, name="edit"),
    path("<int:pk>/check/", views.passport_validate, name="validate"),
    path("<int:pk>/reopen/", views.passport_reopen, name="reopen"),
    path("<int:pk>/sign/", views.passport_sign, name="sign"),
    path("<int:pk>/send/", views.passport_send, name="send"),
    path("<int:pk>/passport.json", views.passport_content, name="content"),
    path("staff/", staff_views.passport_queue, name="staff_list"),
    path("staff/<int:pk>/", staff_views.passport_review, name="staff_review"),
    path("staff/<int:pk>/passport.json", staff_views.passport_staff_content, name="staff_content"),
    path("staff/<int:pk>/accept/", staff_views.passport_accept, name="staff_accept"),
    path("staff/<int:pk>/return/", staff_views.passport_return, name="staff_return"),
]
