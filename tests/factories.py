"""factory_boy factories shared by every test module."""

from __future__ import annotations

import itertools
from decimal import Decimal

import factory
from wagtail.models import Page

from accounts.models import Organisation, User
from accounts.validators import credit_code_check_character
from marketplace.models import AchievementPage, InstitutionIndexPage, InstitutionPage, TechnologyNeed
from taxonomy.models import IndustryChainNode, Region, TechnicalField

_serial = itertools.count(1)


def make_credit_code(n: int | None = None) -> str:
    """A valid unified social credit code (correct check character) for tests and demo data."""
    n = next(_serial) if n is None else n
    first17 = f"91350400{n:09d}"
    return first17 + credit_code_check_character(first17)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    kind = Organisation.Kind.ENTERPRISE
    credit_code = factory.LazyFunction(make_credit_code)
    status = Organisation.Status.APPROVED
    region = factory.LazyFunction(lambda: Region.objects.get(code="350400"))


class InstitutionFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"测试研究院{n}")
    kind = Organisation.Kind.RESEARCH_INSTITUTE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    role = User.Role.PUBLIC
    password = factory.PostGenerationMethodCall("set_password", "pass-1234-word")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def institution_index() -> InstitutionIndexPage:
    return InstitutionIndexPage.objects.get()


def make_institution_page(organisation: Organisation | None = None, **kwargs) -> InstitutionPage:
    organisation = organisation or InstitutionFactory()
    page = InstitutionPage(
        title=organisation.name, organisation=organisation, summary=kwargs.pop("summary", ""), **kwargs
    )
    institution_index().add_child(instance=page)
    page.save_revision().publish()
    return page


def make_achievement(
    institution_page: InstitutionPage | None = None, *, publish: bool = True, **kwargs
) -> AchievementPage:
    institution_page = institution_page or make_institution_page()
    keywords = kwargs.pop("keywords", [])
    chains = kwargs.pop("industry_chains", [])
    defaults = {
        "title": f"测试成果{next(_serial)}",
        "summary": "一种高导热石墨烯散热膜的制备方法。",
        "trl": 6,
        "technical_field": TechnicalField.objects.get(code="materials"),
        "price_cny": Decimal("500000.00"),
        "pricing": AchievementPage.Pricing.ASKING,
    }
    defaults.update(kwargs)
    # Wagtail pages are created live unless told otherwise; an unpublished achievement must be a real draft.
    page = AchievementPage(live=publish, **defaults)
    institution_page.add_child(instance=page)
    if keywords:
        page.keywords.add(*keywords)
    if chains:
        page.industry_chains.set(IndustryChainNode.objects.filter(code__in=chains))
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechnologyNeed
        skip_postgeneration_save = True

    enterprise = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"技术需求{n}")
    problem = "需要提高锂电池正极材料的循环寿命。"
    technical_field = factory.LazyFunction(lambda: TechnicalField.objects.get(code="energy"))
    status = TechnologyNeed.Status.PUBLISHED
    budget_min_cny = Decimal("100000.00")
    budget_max_cny = Decimal("800000.00")

    @factory.post_generation
    def announced(obj, create, extracted, **kwargs):
        """A factory-made need stands in for one written through the services, which announce each change
        (marketplace.events.need_changed: the search outbox gets its row)."""
        if create:
            from marketplace.events import announce_need_changed

            announce_need_changed(obj)


__all__ = [
    "InstitutionFactory",
    "NeedFactory",
    "OrganisationFactory",
    "Page",
    "UserFactory",
    "make_achievement",
    "make_credit_code",
    "make_institution_page",
]
