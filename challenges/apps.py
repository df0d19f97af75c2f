"""The challenges app: the industry's technology-problem map, survey campaigns and reward-for-solution challenges."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("悬赏揭榜")

    def ready(self) -> None:
        # Registration announces its decisions; an award's contract being registered solves its problems.
        from registration.models import TechnologyContract
        from registration.signals import contract_registered

        from . import receivers

        contract_registered.connect(
            receivers.on_contract_registered, sender=TechnologyContract, dispatch_uid="challenges_contract_registered"
        )

        # load_demo's challenge step: the marketplace announces its demo by signal (registration connected first,
        # so the demo registry, registrar and contracts exist when the awarded challenge is registered).
        from marketplace import events

        # Published challenges are findable from the public search page (search sits below and offers the hook).
        from search.extensions import register_result_provider

        from . import demo
        from .search_results import challenge_results

        register_result_provider("challenge", challenge_results)

        # Published challenges are documents in the engine index too (search offers the registry; the services
        # write one outbox row per change). With the engine up, the search page's section comes from them.
        from search.kinds import register_document_kind

        from . import alerts
        from .search_documents import document_kind

        register_document_kind(document_kind(after_indexed=alerts.after_indexed))

        # The deal flow (same layer, never imported) announces deals about needs through the marketplace.
        events.need_deal_changed.connect(receivers.on_need_deal_changed, dispatch_uid="challenges_need_deal_changed")
        events.demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="challenges_demo_loaded")
        events.demo_resetting.connect(demo.on_demo_resetting, dispatch_uid="challenges_demo_resetting")
