"""What the registration app announces to the apps built on it (deal flow, challenges, events, statistics).

Registration depends on nothing above it: apps that care about a decision connect to these signals in their own
``AppConfig.ready()``. Signals are sent from the services, inside the deciding transaction, after the decision row
exists, so a receiver's writes commit or roll back together with the decision it follows. Receivers must therefore
be quick and must not swallow errors: a receiver that raises aborts the decision.
"""

from django.dispatch import Signal

# sender: TechnologyContract class; kwargs: contract, decision, user
contract_registered = Signal()
# sender: TechnologyContract class; kwargs: contract, decision, user
contract_refused = Signal()
