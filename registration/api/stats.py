"""Statistics API (/api/v1/registration/statistics/): the year's figures, the commercialisation
progress, and the two Excel downloads. Bureau staff and registrars only, like the dashboard."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from registration import exports, statistics

YEAR_PARAMETER = OpenApiParameter(
    "year",
    OpenApiTypes.INT,
    description=str(_("统计年度(四位数字),默认为当年(北京时间)。")),
    required=False,
)
XLSX_RESPONSE = {
    (200, exports.XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description=str(_("Excel 文件")))
}


class CanViewStatistics(permissions.BasePermission):
    message = _("只有科技局工作人员和登记员可以查看登记统计。")

    def has_permission(self, request, view) -> bool:
        return statistics.can_view_statistics(request.user)


class RowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    total_amount_cny = serializers.DecimalField(max_digits=18, decimal_places=2)
    technology_amount_cny = serializers.DecimalField(max_digits=18, decimal_places=2)
    previous_count = serializers.IntegerField()
    previous_total_amount_cny = serializers.DecimalField(max_digits=18, decimal_places=2)
    previous_technology_amount_cny = serializers.DecimalField(max_digits=18, decimal_places=2)
    count_yoy_percent = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)
    total_yoy_percent = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)
    technology_yoy_percent = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)


class BreakdownSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    note = serializers.CharField()
    rows = RowSerializer(many=True)


class ProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    count = serializers.IntegerField()
    target = serializers.IntegerField()
    percent = serializers.IntegerField(help_text=str(_("完成比例,最高 100。")))
    previous_count = serializers.IntegerField()
    count_yoy_percent = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)


class StatisticsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    previous_year = serializers.IntegerField()
    previous_period_end = serializers.DateField(
        help_text=str(_("上年比较期的截止日(当年为上年同日,往年为 12 月 31 日)。"))
    )
    generated_at = serializers.DateTimeField()
    totals = RowSerializer()
    commercialisation = ProgressSerializer()
    breakdowns = BreakdownSerializer(many=True)


class StatisticsBase(APIView):
    permission_classes = [permissions.IsAuthenticated, CanViewStatistics]

    def year(self, request) -> int:
        # A bad year raises DomainError; the API exception handler answers 400 with errors["year"].
        return statistics.parse_year(request.query_params.get("year"))


class StatisticsView(StatisticsBase):
    @extend_schema(
        operation_id="registration_statistics",
        summary=str(_("年度技术合同登记统计(含上年同比)")),
        parameters=[YEAR_PARAMETER],
        responses=StatisticsSerializer,
    )
    def get(self, request):
        return Response(statistics.year_statistics(self.year(request)).as_dict())


class CommercialisationView(StatisticsBase):
    @extend_schema(
        operation_id="registration_statistics_commercialisation",
        summary=str(_("年度科技成果转化数与目标进度")),
        parameters=[YEAR_PARAMETER],
        responses=ProgressSerializer,
    )
    def get(self, request):
        return Response(statistics.commercialisation_progress(self.year(request)).as_dict())


class StatisticsExportView(StatisticsBase):
    @extend_schema(
        operation_id="registration_statistics_export",
        summary=str(_("下载年度统计表(Excel)")),
        parameters=[YEAR_PARAMETER],
        responses=XLSX_RESPONSE,
    )
    def get(self, request):
        return exports.statistics_response(self.year(request))


class RegisterExportView(StatisticsBase):
    @extend_schema(
        operation_id="registration_statistics_register_export",
        summary=str(_("下载年度合同登记台账(Excel)")),
        parameters=[YEAR_PARAMETER],
        responses=XLSX_RESPONSE,
    )
    def get(self, request):
        return exports.register_response(self.year(request))


urlpatterns = [
    path("", StatisticsView.as_view(), name="registration-statistics"),
    path("commercialisation/", CommercialisationView.as_view(), name="registration-statistics-commercialisation"),
    path("export/statistics.xlsx", StatisticsExportView.as_view(), name="registration-statistics-export"),
    path("export/register.xlsx", RegisterExportView.as_view(), name="registration-statistics-register-export"),
]
