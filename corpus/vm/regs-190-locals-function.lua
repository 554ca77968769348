-- a function with 190 live locals updated in a loop and all read back in one long expression
local function big(seed)
  local v0, v1, v2, v3, v4, v5, v6, v7, v8, v9 = seed + 0, seed + 1, seed + 2, seed + 3, seed + 4, seed + 5, seed + 6, seed + 7, seed + 8, seed + 9
  local v10, v11, v12, v13, v14, v15, v16, v17, v18, v19 = seed + 10, seed + 11, seed + 12, seed + 13, seed + 14, seed + 15, seed + 16, seed + 17, seed + 18, seed + 19
  local v20, v21, v22, v23, v24, v25, v26, v27, v28, v29 = seed + 20, seed + 21, seed + 22, seed + 23, seed + 24, seed + 25, seed + 26, seed + 27, seed + 28, seed + 29
  local v30, v31, v32, v33, v34, v35, v36, v37, v38, v39 = seed + 30, seed + 31, seed + 32, seed + 33, seed + 34, seed + 35, seed + 36, seed + 37, seed + 38, seed + 39
  local v40, v41, v42, v43, v44, v45, v46, v47, v48, v49 = seed + 40, seed + 41, seed + 42, seed + 43, seed + 44, seed + 45, seed + 46, seed + 47, seed + 48, seed + 49
  local v50, v51, v52, v53, v54, v55, v56, v57, v58, v59 = seed + 50, seed + 51, seed + 52, seed + 53, seed + 54, seed + 55, seed + 56, seed + 57, seed + 58, seed + 59
  local v60, v61, v62, v63, v64, v65, v66, v67, v68, v69 = seed + 60, seed + 61, seed + 62, seed + 63, seed + 64, seed + 65, seed + 66, seed + 67, seed + 68, seed + 69
  local v70, v71, v72, v73, v74, v75, v76, v77, v78, v79 = seed + 70, seed + 71, seed + 72, seed + 73, seed + 74, seed + 75, seed + 76, seed + 77, seed + 78, seed + 79
  local v80, v81, v82, v83, v84, v85, v86, v87, v88, v89 = seed + 80, seed + 81, seed + 82, seed + 83, seed + 84, seed + 85, seed + 86, seed + 87, seed + 88, seed + 89
  local v90, v91, v92, v93, v94, v95, v96, v97, v98, v99 = seed + 90, seed + 91, seed + 92, seed + 93, seed + 94, seed + 95, seed + 96, seed + 97, seed + 98, seed + 99
  local v100, v101, v102, v103, v104, v105, v106, v107, v108, v109 = seed + 100, seed + 101, seed + 102, seed + 103, seed + 104, seed + 105, seed + 106, seed + 107, seed + 108, seed + 109
  local v110, v111, v112, v113, v114, v115, v116, v117, v118, v119 = seed + 110, seed + 111, seed + 112, seed + 113, seed + 114, seed + 115, seed + 116, seed + 117, seed + 118, seed + 119
  local v120, v121, v122, v123, v124, v125, v126, v127, v128, v129 = seed + 120, seed + 121, seed + 122, seed + 123, seed + 124, seed + 125, seed + 126, seed + 127, seed + 128, seed + 129
  local v130, v131, v132, v133, v134, v135, v136, v137, v138, v139 = seed + 130, seed + 131, seed + 132, seed + 133, seed + 134, seed + 135, seed + 136, seed + 137, seed + 138, seed + 139
  local v140, v141, v142, v143, v144, v145, v146, v147, v148, v149 = seed + 140, seed + 141, seed + 142, seed + 143, seed + 144, seed + 145, seed + 146, seed + 147, seed + 148, seed + 149
  local v150, v151, v152, v153, v154, v155, v156, v157, v158, v159 = seed + 150, seed + 151, seed + 152, seed + 153, seed + 154, seed + 155, seed + 156, seed + 157, seed + 158, seed + 159
  local v160, v161, v162, v163, v164, v165, v166, v167, v168, v169 = seed + 160, seed + 161, seed + 162, seed + 163, seed + 164, seed + 165, seed + 166, seed + 167, seed + 168, seed + 169
  local v170, v171, v172, v173, v174, v175, v176, v177, v178, v179 = seed + 170, seed + 171, seed + 172, seed + 173, seed + 174, seed + 175, seed + 176, seed + 177, seed + 178, seed + 179
  local v180, v181, v182, v183, v184, v185, v186, v187, v188, v189 = seed + 180, seed + 181, seed + 182, seed + 183, seed + 184, seed + 185, seed + 186, seed + 187, seed + 188, seed + 189
  for k = 1, 3 do
    v0 = v0 + v1 * k % 7 v1 = v1 + v2 * k % 7 v2 = v2 + v3 * k % 7 v3 = v3 + v4 * k % 7 v4 = v4 + v5 * k % 7 v5 = v5 + v6 * k % 7 v6 = v6 + v7 * k % 7 v7 = v7 + v8 * k % 7 v8 = v8 + v9 * k % 7 v9 = v9 + v10 * k % 7
    v10 = v10 + v11 * k % 7 v11 = v11 + v12 * k % 7 v12 = v12 + v13 * k % 7 v13 = v13 + v14 * k % 7 v14 = v14 + v15 * k % 7 v15 = v15 + v16 * k % 7 v16 = v16 + v17 * k % 7 v17 = v17 + v18 * k % 7 v18 = v18 + v19 * k % 7 v19 = v19 + v20 * k % 7
    v20 = v20 + v21 * k % 7 v21 = v21 + v22 * k % 7 v22 = v22 + v23 * k % 7 v23 = v23 + v24 * k % 7 v24 = v24 + v25 * k % 7 v25 = v25 + v26 * k % 7 v26 = v26 + v27 * k % 7 v27 = v27 + v28 * k % 7 v28 = v28 + v29 * k % 7 v29 = v29 + v30 * k % 7
    v30 = v30 + v31 * k % 7 v31 = v31 + v32 * k % 7 v32 = v32 + v33 * k % 7 v33 = v33 + v34 * k % 7 v34 = v34 + v35 * k % 7 v35 = v35 + v36 * k % 7 v36 = v36 + v37 * k % 7 v37 = v37 + v38 * k % 7 v38 = v38 + v39 * k % 7 v39 = v39 + v40 * k % 7
    v40 = v40 + v41 * k % 7 v41 = v41 + v42 * k % 7 v42 = v42 + v43 * k % 7 v43 = v43 + v44 * k % 7 v44 = v44 + v45 * k % 7 v45 = v45 + v46 * k % 7 v46 = v46 + v47 * k % 7 v47 = v47 + v48 * k % 7 v48 = v48 + v49 * k % 7 v49 = v49 + v50 * k % 7
    v50 = v50 + v51 * k % 7 v51 = v51 + v52 * k % 7 v52 = v52 + v53 * k % 7 v53 = v53 + v54 * k % 7 v54 = v54 + v55 * k % 7 v55 = v55 + v56 * k % 7 v56 = v56 + v57 * k % 7 v57 = v57 + v58 * k % 7 v58 = v58 + v59 * k % 7 v59 = v59 + v60 * k % 7
    v60 = v60 + v61 * k % 7 v61 = v61 + v62 * k % 7 v62 = v62 + v63 * k % 7 v63 = v63 + v64 * k % 7 v64 = v64 + v65 * k % 7 v65 = v65 + v66 * k % 7 v66 = v66 + v67 * k % 7 v67 = v67 + v68 * k % 7 v68 = v68 + v69 * k % 7 v69 = v69 + v70 * k % 7
    v70 = v70 + v71 * k % 7 v71 = v71 + v72 * k % 7 v72 = v72 + v73 * k % 7 v73 = v73 + v74 * k % 7 v74 = v74 + v75 * k % 7 v75 = v75 + v76 * k % 7 v76 = v76 + v77 * k % 7 v77 = v77 + v78 * k % 7 v78 = v78 + v79 * k % 7 v79 = v79 + v80 * k % 7
    v80 = v80 + v81 * k % 7 v81 = v81 + v82 * k % 7 v82 = v82 + v83 * k % 7 v83 = v83 + v84 * k % 7 v84 = v84 + v85 * k % 7 v85 = v85 + v86 * k % 7 v86 = v86 + v87 * k % 7 v87 = v87 + v88 * k % 7 v88 = v88 + v89 * k % 7 v89 = v89 + v90 * k % 7
    v90 = v90 + v91 * k % 7 v91 = v91 + v92 * k % 7 v92 = v92 + v93 * k % 7 v93 = v93 + v94 * k % 7 v94 = v94 + v95 * k % 7 v95 = v95 + v96 * k % 7 v96 = v96 + v97 * k % 7 v97 = v97 + v98 * k % 7 v98 = v98 + v99 * k % 7 v99 = v99 + v100 * k % 7
    v100 = v100 + v101 * k % 7 v101 = v101 + v102 * k % 7 v102 = v102 + v103 * k % 7 v103 = v103 + v104 * k % 7 v104 = v104 + v105 * k % 7 v105 = v105 + v106 * k % 7 v106 = v106 + v107 * k % 7 v107 = v107 + v108 * k % 7 v108 = v108 + v109 * k % 7 v109 = v109 + v110 * k % 7
    v110 = v110 + v111 * k % 7 v111 = v111 + v112 * k % 7 v112 = v112 + v113 * k % 7 v113 = v113 + v114 * k % 7 v114 = v114 + v115 * k % 7 v115 = v115 + v116 * k % 7 v116 = v116 + v117 * k % 7 v117 = v117 + v118 * k % 7 v118 = v118 + v119 * k % 7 v119 = v119 + v120 * k % 7
    v120 = v120 + v121 * k % 7 v121 = v121 + v122 * k % 7 v122 = v122 + v123 * k % 7 v123 = v123 + v124 * k % 7 v124 = v124 + v125 * k % 7 v125 = v125 + v126 * k % 7 v126 = v126 + v127 * k % 7 v127 = v127 + v128 * k % 7 v128 = v128 + v129 * k % 7 v129 = v129 + v130 * k % 7
    v130 = v130 + v131 * k % 7 v131 = v131 + v132 * k % 7 v132 = v132 + v133 * k % 7 v133 = v133 + v134 * k % 7 v134 = v134 + v135 * k % 7 v135 = v135 + v136 * k % 7 v136 = v136 + v137 * k % 7 v137 = v137 + v138 * k % 7 v138 = v138 + v139 * k % 7 v139 = v139 + v140 * k % 7
    v140 = v140 + v141 * k % 7 v141 = v141 + v142 * k % 7 v142 = v142 + v143 * k % 7 v143 = v143 + v144 * k % 7 v144 = v144 + v145 * k % 7 v145 = v145 + v146 * k % 7 v146 = v146 + v147 * k % 7 v147 = v147 + v148 * k % 7 v148 = v148 + v149 * k % 7 v149 = v149 + v150 * k % 7
    v150 = v150 + v151 * k % 7 v151 = v151 + v152 * k % 7 v152 = v152 + v153 * k % 7 v153 = v153 + v154 * k % 7 v154 = v154 + v155 * k % 7 v155 = v155 + v156 * k % 7 v156 = v156 + v157 * k % 7 v157 = v157 + v158 * k % 7 v158 = v158 + v159 * k % 7 v159 = v159 + v160 * k % 7
    v160 = v160 + v161 * k % 7 v161 = v161 + v162 * k % 7 v162 = v162 + v163 * k % 7 v163 = v163 + v164 * k % 7 v164 = v164 + v165 * k % 7 v165 = v165 + v166 * k % 7 v166 = v166 + v167 * k % 7 v167 = v167 + v168 * k % 7 v168 = v168 + v169 * k % 7 v169 = v169 + v170 * k % 7
    v170 = v170 + v171 * k % 7 v171 = v171 + v172 * k % 7 v172 = v172 + v173 * k % 7 v173 = v173 + v174 * k % 7 v174 = v174 + v175 * k % 7 v175 = v175 + v176 * k % 7 v176 = v176 + v177 * k % 7 v177 = v177 + v178 * k % 7 v178 = v178 + v179 * k % 7 v179 = v179 + v180 * k % 7
    v180 = v180 + v181 * k % 7 v181 = v181 + v182 * k % 7 v182 = v182 + v183 * k % 7 v183 = v183 + v184 * k % 7 v184 = v184 + v185 * k % 7 v185 = v185 + v186 * k % 7 v186 = v186 + v187 * k % 7 v187 = v187 + v188 * k % 7 v188 = v188 + v189 * k % 7 v189 = v189 + v0 * k % 7
  end
  local total = v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9 + v10 + v11 + v12 + v13 + v14 + v15 + v16 + v17 + v18 + v19 + v20 + v21 + v22 + v23 + v24 + v25 + v26 + v27 + v28 + v29 + v30 + v31 + v32 + v33 + v34 + v35 + v36 + v37 + v38 + v39 + v40 + v41 + v42 + v43 + v44 + v45 + v46 + v47 + v48 + v49 + v50 + v51 + v52 + v53 + v54 + v55 + v56 + v57 + v58 + v59 + v60 + v61 + v62 + v63 + v64 + v65 + v66 + v67 + v68 + v69 + v70 + v71 + v72 + v73 + v74 + v75 + v76 + v77 + v78 + v79 + v80 + v81 + v82 + v83 + v84 + v85 + v86 + v87 + v88 + v89 + v90 + v91 + v92 + v93 + v94 + v95 + v96 + v97 + v98 + v99 + v100 + v101 + v102 + v103 + v104 + v105 + v106 + v107 + v108 + v109 + v110 + v111 + v112 + v113 + v114 + v115 + v116 + v117 + v118 + v119 + v120 + v121 + v122 + v123 + v124 + v125 + v126 + v127 + v128 + v129 + v130 + v131 + v132 + v133 + v134 + v135 + v136 + v137 + v138 + v139 + v140 + v141 + v142 + v143 + v144 + v145 + v146 + v147 + v148 + v149 + v150 + v151 + v152 + v153 + v154 + v155 + v156 + v157 + v158 + v159 + v160 + v161 + v162 + v163 + v164 + v165 + v166 + v167 + v168 + v169 + v170 + v171 + v172 + v173 + v174 + v175 + v176 + v177 + v178 + v179 + v180 + v181 + v182 + v183 + v184 + v185 + v186 + v187 + v188 + v189
  return total, v0, v95, v189
end
print(big(0))
print(big(1000))
local sum = 0
for s = 1, 50 do sum = sum + (big(s)) end
print(sum)
