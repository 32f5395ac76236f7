// search.js placeholder until the search module lands
