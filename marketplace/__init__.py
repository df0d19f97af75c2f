"""The marketplace: institutions publish achievements (Wagtail pages), enterprises post needs."""
