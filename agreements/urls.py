from django.urls import path

from agreements import organisation_views, staff_views, views

app_name = "agreements"
urlpatterns = [
    path("new/", views.agreement_new, name="new"),
    path("mine/", organisation_views.my_agreement, name="mine"),
    path("<uuid:token>/", views.agreement_detail, name="detail"),
    path("<uuid:token>/renew/", views.agreement_renew, name="renew"),
    path("<uuid:token>/agreement.txt", views.agreement_text, name="text"),
    path("<uuid:token>/agreement.pdf", views.agreement_pdf_download, name="pdf"),
    path("<uuid:token>/sign/", views.agreement_sign_submit, name="sign"),
    path("staff/", staff_views.agreement_list, name="staff_list"),
    path("staff/<int:pk>/", staff_views.agreement_review, name="staff_review"),
    path("staff/<int:pk>/accept/", staff_views.agreement_accept, name="staff_accept"),
    path("staff/<int:pk>/reject/", staff_views.agreement_reject, name="staff_reject"),
    path("staff/<int:pk>/terminate/", staff_views.agreement_terminate, name="staff_terminate"),
]
