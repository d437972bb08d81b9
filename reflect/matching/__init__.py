"""Owns reading free text against tension poles, its result types and its trained weights; the
only package that imports rapidfuzz. May import reflect.base and reflect.content."""
