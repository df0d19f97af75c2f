"""People and organisations: users with one role each, enterprises and institutions they belong to."""
