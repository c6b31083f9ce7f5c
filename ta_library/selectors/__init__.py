"""Reads of the TA Library with rules, one job a module: who opens which resource
(access), a case as the matching rule sees it (case_profile), a case's library page
(case_library), a page of any library and TA Program News (library_page), its cards
(cards), paging a bitmap (paging), the keyword search's calls into the search app
(keyword), and a resource page (resource_page)."""
