"""Technology-contract registration (技术合同认定登记): contracts, rules, decisions, certificates, statistics."""
