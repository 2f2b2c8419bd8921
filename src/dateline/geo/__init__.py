"""Places: the offline GeoNames gazetteer shared by the entities and locations tables."""
