"""Shared taxonomies: industry chains, technical fields, TRL, IP types, transfer modes, regions."""
