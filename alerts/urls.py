from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("quan-ly/<str:token>/", views.manage, name="manage"),
]
