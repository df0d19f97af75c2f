"""API v1 of the marketplace: public institutions, achievements and taxonomies; needs for enterprises and staff.

Each endpoint is one small view with its own input and output serializers; every write goes
through marketplace/services.py, whose domain errors config/api.py turns into JSON.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import DomainError, NotFoundError
from marketplace import permissions as marketplace_permissions
from marketplace import selectors as marketplace_selectors
from marketplace import services
from marketplace.models import TechnologyNeed
from taxonomy.models import IPType, ReadinessLevel, Region, TechnicalField, TransferMode

from . import selectors
from .filters import AchievementFilter, NeedFilter
from .pagination import StandardPagination
from .serializers import (
    AchievementDetailOut,
    AchievementListOut,
    CodedTermOut,
    IndustryChainNodeOut,
    IndustryChainTreeOut,
    InstitutionOut,
    NeedCloseIn,
    NeedCreateIn,
    NeedOut,
    NeedRejectIn,
    NeedReviewIn,
    NeedWriteIn,
    ReadinessLevelOut,
    RegionOut,
)

ERROR_RESPONSES = {
    400: OpenApiResponse(description=_("输入有误:detail 为说明,errors 为逐字段的提示")),
    401: OpenApiResponse(description=_("未登录")),
    403: OpenApiResponse(description=_("无权进行此操作")),
    404: OpenApiResponse(description=_("不存在或不可见")),
    409: OpenApiResponse(description=_("当前状态不允许此操作")),
}


# --- taxonomies ------------------------------------------------------------------------------------


class _TaxonomyList(generics.ListAPIView):
    pagination_class = None
    filter_backends: list = []
    permission_classes = [permissions.AllowAny]


@extend_schema(tags=["taxonomies"], summary=_("技术领域"))
class TechnicalFieldListApi(_TaxonomyList):
    serializer_class = CodedTermOut
    queryset = TechnicalField.objects.active()


@extend_schema(tags=["taxonomies"], summary=_("知识产权类型"))
class IPTypeListApi(_TaxonomyList):
    serializer_class = CodedTermOut
    queryset = IPType.objects.active()


@extend_schema(tags=["taxonomies"], summary=_("转化方式"))
class TransferModeListApi(_TaxonomyList):
    serializer_class = CodedTermOut
    queryset = TransferMode.objects.active()


@extend_schema(tags=["taxonomies"], summary=_("技术就绪度 1–9"))
class ReadinessLevelListApi(_TaxonomyList):
    serializer_class = ReadinessLevelOut
    queryset = ReadinessLevel.objects.all()


_PARENT = OpenApiParameter("parent", str, description=_("上级代码;为空字符串时只列顶级"))
_LEVEL = OpenApiParameter("level", int, description=_("层级"))


@extend_schema(tags=["taxonomies"], summary=_("行政区划列表"), parameters=[_PARENT, _LEVEL])
class RegionListApi(_TaxonomyList):
    serializer_class = RegionOut

    def get_queryset(self):
        return _by_parent_and_level(Region.objects.select_related("parent"), self.request.query_params)


@extend_schema(tags=["taxonomies"], summary=_("产业链节点(平铺)"), parameters=[_PARENT, _LEVEL])
class IndustryChainListApi(_TaxonomyList):
    serializer_class = IndustryChainNodeOut

    def get_queryset(self):
        from taxonomy.models import IndustryChainNode

        return _by_parent_and_level(IndustryChainNode.objects.select_related("parent"), self.request.query_params)


def _by_parent_and_level(queryset, params):
    if "parent" in params:
        parent = params["parent"].strip()
        queryset = queryset.filter(parent__isnull=True) if not parent else queryset.filter(parent__code=parent)
    level = params.get("level", "").strip()
    if level:
        if not level.isdigit():
            raise DomainError(_("参数有误。"), field_errors={"level": [_("层级应为整数。")]})
        queryset = queryset.filter(level=int(level))
    return queryset


@extend_schema(tags=["taxonomies"], summary=_("产业链图谱(树)"))
class IndustryChainTreeApi(_TaxonomyList):
    serializer_class = IndustryChainTreeOut

    def get_queryset(self):
        return selectors.industry_chain_tree()


# --- institutions and achievements -------------------------------------------------------------------


@extend_schema(tags=["institutions"])
@extend_schema_view(get=extend_schema(summary=_("机构列表")))
class InstitutionListApi(generics.ListAPIView):
    serializer_class = InstitutionOut
    pagination_class = StandardPagination
    filter_backends: list = []
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return marketplace_selectors.institutions_listed()


@extend_schema(tags=["institutions"], summary=_("机构详情"))
class InstitutionDetailApi(generics.RetrieveAPIView):
    serializer_class = InstitutionOut
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return marketplace_selectors.institutions_listed()


@extend_schema(tags=["achievements"], summary=_("科技成果列表(已发布且未过期)"))
class AchievementListApi(generics.ListAPIView):
    serializer_class = AchievementListOut
    pagination_class = StandardPagination
    filterset_class = AchievementFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.achievements_listed()


@extend_schema(tags=["achievements"], summary=_("科技成果详情"))
class AchievementDetailApi(generics.RetrieveAPIView):
    serializer_class = AchievementDetailOut
    permission_classes = [permissions.AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.achievements_listed(detail=True)


# --- needs -------------------------------------------------------------------------------------------


def _need_for(user, pk: int) -> TechnologyNeed:
    """A need this user may see; anything else is 404 so drafts do not leak their existence."""
    need = get_object_or_404(selectors.needs_for(user), pk=pk)
    if not marketplace_permissions.can_view_need(user, need):
        raise NotFoundError(_("技术需求不存在或您无权查看。"))
    return need


def _out(request, need: TechnologyNeed, code=status.HTTP_200_OK) -> Response:
    need = selectors.needs_for(request.user).get(pk=need.pk)
    return Response(NeedOut(need, context={"request": request}).data, status=code)


def _service_data(validated: dict) -> tuple[dict, list | None]:
    data = dict(validated)
    indicators = data.pop("indicators", None)
    data.pop("submit", None)
    return data, indicators


@extend_schema(tags=["needs"])
class NeedListCreateApi(generics.GenericAPIView):
    """GET: public listed needs plus the caller's own (staff see all). POST: an enterprise drafts or submits one."""

    pagination_class = StandardPagination
    filterset_class = NeedFilter
    serializer_class = NeedOut
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        return selectors.needs_for(self.request.user)

    @extend_schema(summary=_("技术需求列表"), responses=NeedOut(many=True))
    def get(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = NeedOut(page, many=True, context={"request": request})
        return self.get_paginated_response(serializer.data)

    @extend_schema(summary=_("发布技术需求"), request=NeedCreateIn, responses={201: NeedOut, **ERROR_RESPONSES})
    def post(self, request):
        serializer = NeedCreateIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, indicators = _service_data(serializer.validated_data)
        need = services.need_create(
            user=request.user, data=data, indicators=indicators, submit=serializer.validated_data["submit"]
        )
        return _out(request, need, status.HTTP_201_CREATED)


@extend_schema(tags=["needs"])
class NeedDetailApi(APIView):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    @extend_schema(summary=_("技术需求详情"), responses={200: NeedOut, 404: ERROR_RESPONSES[404]})
    def get(self, request, pk: int):
        return Response(NeedOut(_need_for(request.user, pk), context={"request": request}).data)

    @extend_schema(
        summary=_("修改技术需求(已发布的需求修改后重新审核)"),
        request=NeedWriteIn(partial=True),
        responses={200: NeedOut, **ERROR_RESPONSES},
    )
    def patch(self, request, pk: int):
        need = _need_for(request.user, pk)
        serializer = NeedWriteIn(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data, indicators = _service_data(serializer.validated_data)
        need = services.need_update(user=request.user, need=need, data=data, indicators=indicators)
        return _out(request, need)


class _NeedActionApi(APIView):
    permission_classes = [permissions.IsAuthenticated]
    input_serializer = None

    def post(self, request, pk: int):
        need = _need_for(request.user, pk)
        arguments = {}
        if self.input_serializer is not None:
            serializer = self.input_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            arguments = dict(serializer.validated_data)
        need = self.act(user=request.user, need=need, **arguments)
        return _out(request, need)


_ACTION_RESPONSES = {200: NeedOut, **ERROR_RESPONSES}


@extend_schema(tags=["needs"], summary=_("提交审核"), request=None, responses=_ACTION_RESPONSES)
class NeedSubmitApi(_NeedActionApi):
    @staticmethod
    def act(**kwargs):
        return services.need_submit(**kwargs)


@extend_schema(tags=["needs"], summary=_("关闭需求"), request=NeedCloseIn, responses=_ACTION_RESPONSES)
class NeedCloseApi(_NeedActionApi):
    input_serializer = NeedCloseIn

    @staticmethod
    def act(**kwargs):
        return services.need_close(**kwargs)


@extend_schema(tags=["needs"], summary=_("审核通过(科技局)"), request=NeedReviewIn, responses=_ACTION_RESPONSES)
class NeedApproveApi(_NeedActionApi):
    input_serializer = NeedReviewIn

    @staticmethod
    def act(**kwargs):
        return services.need_approve(**kwargs)


@extend_schema(tags=["needs"], summary=_("退回修改(科技局)"), request=NeedRejectIn, responses=_ACTION_RESPONSES)
class NeedRejectApi(_NeedActionApi):
    input_serializer = NeedRejectIn

    @staticmethod
    def act(**kwargs):
        return services.need_reject(**kwargs)
