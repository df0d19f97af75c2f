"""API v1 of accounts: a user exchanges a username and password for their API token."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import DomainError

from .serializers import TokenIn, TokenOut


@extend_schema(
    tags=["auth"],
    summary=gettext_lazy("用用户名和密码换取 API 令牌"),
    request=TokenIn,
    responses={
        200: TokenOut,
        400: OpenApiResponse(description=gettext_lazy("输入有误:detail 为说明,errors 为逐字段的提示")),
    },
    auth=[],
)
class ObtainTokenApi(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    def post(self, request):
        serializer = TokenIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request=request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise DomainError(_("用户名或密码不正确。"), field_errors={"non_field_errors": [_("用户名或密码不正确。")]})
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "username": user.username, "role": user.role})
