"""Thin views over registration services."""

from django.shortcuts import render


def verify(request):
    return render(request, "registration/verify.html", {})
