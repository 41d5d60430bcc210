"""The work pages under /arbete/, one module per part of the work. Thin: access through `permissions`
(`get_evaluation_or_404` with the permission a page needs: 404 otherwise), input through forms, rules and
writes in the services."""
