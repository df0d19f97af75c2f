"""Who may see and do what with a technology contract. Services call these; views and the API too.

- Enterprise members and institution editors file for their own organisation and see contracts their
  organisation filed or is a party to.
- Registrars see and decide their registry's submitted contracts, but never a contract their own
  organisation is party to (conflict of interest).
- Bureau staff see everything that has been submitted (read-only) and maintain the calendar.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from common.errors import NotAllowed, NotFoundError

from .models import TechnologyContract


def is_filer(user) -> bool:
    return bool(user.is_authenticated and (user.is_enterprise_member or user.is_institution_editor))


def party_organisation_ids(contract: TechnologyContract) -> set[int]:
    ids = {p.organisation_id for p in contract.parties.all() if p.organisation_id}
    ids.add(contract.seller_organisation_id)
    return ids


def is_own_organisation(user, contract: TechnologyContract) -> bool:
    return bool(user.organisation_id) and user.organisation_id in party_organisation_ids(contract)


def is_registrar_of(user, contract: TechnologyContract) -> bool:
    return bool(
        user.is_authenticated and user.is_registrar and contract.registry.registrars.filter(pk=user.pk).exists()
    )


def can_view(user, contract: TechnologyContract) -> bool:
    if not user.is_authenticated:
        return False
    if is_filer(user) and is_own_organisation(user, contract):
        # A buyer sees the contract only once it was filed; a draft is the seller's own business.
        return (
            contract.status != TechnologyContract.Status.DRAFT
            or user.organisation_id == contract.seller_organisation_id
        )
    if contract.status == TechnologyContract.Status.DRAFT:
        return False
    return is_registrar_of(user, contract) or user.is_bureau_staff


def require_view(user, contract: TechnologyContract) -> None:
    # Not visible is reported as not found so the existence of others' contracts is not revealed.
    if not can_view(user, contract):
        raise NotFoundError(_("未找到该技术合同。"))


def can_file(user) -> bool:
    return is_filer(user)


def require_file(user) -> None:
    if not can_file(user):
        raise NotAllowed(_("只有企业用户或机构编辑可以填报技术合同。"))


def require_seller(user, contract: TechnologyContract) -> None:
    require_view(user, contract)
    if not (is_filer(user) and user.organisation_id == contract.seller_organisation_id):
        raise NotAllowed(_("只有申请登记的单位可以执行此操作。"))


def require_party(user, contract: TechnologyContract) -> None:
    require_view(user, contract)
    if not (is_filer(user) and is_own_organisation(user, contract)):
        raise NotAllowed(_("只有合同当事人可以执行此操作。"))


def can_decide(user, contract: TechnologyContract) -> bool:
    return is_registrar_of(user, contract) and not is_own_organisation(user, contract)


def require_decide(user, contract: TechnologyContract) -> None:
    require_view(user, contract)
    if not is_registrar_of(user, contract):
        raise NotAllowed(_("只有本登记机构的登记员可以认定该合同。"))
    if is_own_organisation(user, contract):
        raise NotAllowed(_("登记员不得认定本单位为当事人的技术合同,请由其他登记员办理。"))


def can_download_certificate(user, contract: TechnologyContract) -> bool:
    return can_view(user, contract) and contract.status != TechnologyContract.Status.DRAFT


def require_staff(user) -> None:
    if not (user.is_authenticated and user.is_bureau_staff):
        raise NotAllowed(_("只有科技局工作人员可以执行此操作。"))
