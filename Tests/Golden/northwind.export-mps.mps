* Problem:    Northwind_Analytics_FY2027_operating_plan
* Class:      MIP
* Rows:       27
* Columns:    67 (18 integer, 7 binary)
* Non-zeros:  256
* Format:     Free MPS
*
* Objective sense: MAX (GLPK reads MPS as minimization: use glpsol --max)
NAME Northwind_Analytics_FY2027_operating_plan
ROWS
 N R0000000
 G minfund_sales_partners
 L maxfund_sales_partners
 G minfund_mkt_brand
 L maxfund_mkt_brand
 G minfund_prod_ai
 L maxfund_prod_ai
 L budget
 E spend_definition
 E spend_group1_definition
 L rule_gtm_share_max
 L rule_new_heads
 G fair_fair_share_sales
 G fair_fair_share_marketing
 G fair_fair_share_cs
 G fair_fair_share_product
 G fair_fair_share_platform
 G fair_fair_share_growth
 G fair_fair_share_data
 G fair_fair_share_security
 G fair_fair_share_people
 G fair_fair_share_finance
 L rule_mkt_programs
 G rule_security_floor
 G rule_rnd_ratio_min
 G target_arr_min
 L req_sales_enablement_sales_crm
 L req_data_churn_model_data_warehouse
COLUMNS
 a_sales_run R0000000 -3.86667E-10 fair_fair_share_sales 1
 a_sales_run spend_group1_definition -1 spend_definition -1
 M0000001 'MARKER' 'INTORG'
 n_sales_ae R0000000 399999.99584 target_arr_min 400000
 n_sales_ae fair_fair_share_sales 200000 rule_new_heads 1
 n_sales_ae spend_group1_definition -200000 spend_definition -200000
 n_sales_sdr R0000000 149599.9984 target_arr_min 149600
 n_sales_sdr fair_fair_share_sales 110000 rule_new_heads 1
 n_sales_sdr spend_group1_definition -110000 spend_definition -110000
 y_sales_crm R0000000 349999.99618 req_sales_enablement_sales_crm -1
 y_sales_crm target_arr_min 350000 fair_fair_share_sales 280000
 y_sales_crm spend_group1_definition -280000 spend_definition -280000
 M0000002 'MARKER' 'INTEND'
 x_sales_enablement_1 R0000000 2.6666666374 req_sales_enablement_sales_crm 2.8571429E-6
 x_sales_enablement_1 target_arr_min 2.6666666667 fair_fair_share_sales 1
 x_sales_enablement_1 spend_group1_definition -1 spend_definition -1
 x_sales_enablement_2 R0000000 0.9999999888 req_sales_enablement_sales_crm 2.8571429E-6
 x_sales_enablement_2 target_arr_min 1 fair_fair_share_sales 1
 x_sales_enablement_2 spend_group1_definition -1 spend_definition -1
 x_sales_partners_1 R0000000 0.959999989 target_arr_min 0.96
 x_sales_partners_1 fair_fair_share_sales 1 spend_group1_definition -1
 x_sales_partners_1 spend_definition -1 maxfund_sales_partners 1
 x_sales_partners_1 minfund_sales_partners 1
 x_sales_partners_2 R0000000 0.4799999943 target_arr_min 0.48
 x_sales_partners_2 fair_fair_share_sales 1 spend_group1_definition -1
 x_sales_partners_2 spend_definition -1 maxfund_sales_partners 1
 x_sales_partners_2 minfund_sales_partners 1
 M0000003 'MARKER' 'INTORG'
 y_sales_partners maxfund_sales_partners -500000 minfund_sales_partners -250000
 M0000004 'MARKER' 'INTEND'
 a_mkt_run R0000000 -4.33067E-10 fair_fair_share_marketing 1
 a_mkt_run spend_group1_definition -1 spend_definition -1
 x_mkt_paid_1 R0000000 1.3999999836 target_arr_min 1.4
 x_mkt_paid_1 rule_mkt_programs 1 fair_fair_share_marketing 1
 x_mkt_paid_1 spend_group1_definition -1 spend_definition -1
 x_mkt_paid_2 R0000000 0.9999999882 target_arr_min 1
 x_mkt_paid_2 rule_mkt_programs 1 fair_fair_share_marketing 1
 x_mkt_paid_2 spend_group1_definition -1 spend_definition -1
 x_mkt_paid_3 R0000000 0.749999991 target_arr_min 0.75
 x_mkt_paid_3 rule_mkt_programs 1 fair_fair_share_marketing 1
 x_mkt_paid_3 spend_group1_definition -1 spend_definition -1
 x_mkt_paid_4 R0000000 0.4999999939 target_arr_min 0.5
 x_mkt_paid_4 rule_mkt_programs 1 fair_fair_share_marketing 1
 x_mkt_paid_4 spend_group1_definition -1 spend_definition -1
 x_mkt_content_1 R0000000 1.2999999845 target_arr_min 1.3
 x_mkt_content_1 rule_mkt_programs 1 fair_fair_share_marketing 1
 x_mkt_content_1 spend_group1_definition -1 spend_definition -1
 x_mkt_content_2 R0000000 0.6999999914 target_arr_min 0.7
 x_mkt_content_2 rule_mkt_programs 1 fair_fair_share_marketing 1
 x_mkt_content_2 spend_group1_definition -1 spend_definition -1
 x_mkt_events_1 R0000000 0.9899999879 target_arr_min 0.99
 x_mkt_events_1 rule_mkt_programs 1 fair_fair_share_marketing 1
 x_mkt_events_1 spend_group1_definition -1 spend_definition -1
 x_mkt_events_2 R0000000 0.5399999932 target_arr_min 0.54
 x_mkt_events_2 rule_mkt_programs 1 fair_fair_share_marketing 1
 x_mkt_events_2 spend_group1_definition -1 spend_definition -1
 a_mkt_abm R0000000 0.8399999895 target_arr_min 0.84
 a_mkt_abm rule_mkt_programs 1 fair_fair_share_marketing 1
 a_mkt_abm spend_group1_definition -1 spend_definition -1
 a_mkt_brand R0000000 0.3999999946 target_arr_min 0.3
 a_mkt_brand rule_mkt_programs 1 fair_fair_share_marketing 1
 a_mkt_brand spend_group1_definition -1 spend_definition -1
 a_mkt_brand maxfund_mkt_brand 1 minfund_mkt_brand 1
 M0000005 'MARKER' 'INTORG'
 y_mkt_brand maxfund_mkt_brand -600000 minfund_mkt_brand -300000
 M0000006 'MARKER' 'INTEND'
 a_cs_run R0000000 -4.79467E-10 fair_fair_share_cs 1
 a_cs_run spend_group1_definition -1 spend_definition -1
 M0000007 'MARKER' 'INTORG'
 n_cs_csm R0000000 163333.33121 target_arr_min 83333.333333
 n_cs_csm fair_fair_share_cs 140000 rule_new_heads 1
 n_cs_csm spend_group1_definition -140000 spend_definition -140000
 M0000008 'MARKER' 'INTEND'
 x_cs_onboarding_1 R0000000 2.0499999733 fair_fair_share_cs 1
 x_cs_onboarding_1 spend_group1_definition -1 spend_definition -1
 x_cs_onboarding_2 R0000000 1.2499999835 fair_fair_share_cs 1
 x_cs_onboarding_2 spend_group1_definition -1 spend_definition -1
 M0000009 'MARKER' 'INTORG'
 n_cs_support R0000000 99999.99864 fair_fair_share_cs 120000
 n_cs_support rule_new_heads 1 spend_group1_definition -120000
 n_cs_support spend_definition -120000
 M0000010 'MARKER' 'INTEND'
 a_cs_academy R0000000 0.6719999906 fair_fair_share_cs 1
 a_cs_academy spend_group1_definition -1 spend_definition -1
 a_prod_run R0000000 -5.18133E-10 rule_rnd_ratio_min 1
 a_prod_run fair_fair_share_product 1 spend_definition -1
 M0000011 'MARKER' 'INTORG'
 n_prod_pm R0000000 146999.99789 target_arr_min 147000
 n_prod_pm rule_rnd_ratio_min 210000 fair_fair_share_product 210000
 n_prod_pm rule_new_heads 1 spend_definition -210000
 n_prod_design R0000000 103999.99847 rule_rnd_ratio_min 180000
 n_prod_design fair_fair_share_product 180000 rule_new_heads 1
 n_prod_design spend_definition -180000
 M0000012 'MARKER' 'INTEND'
 a_prod_research R0000000 0.4799999927 rule_rnd_ratio_min 1
 a_prod_research fair_fair_share_product 1 spend_definition -1
 a_prod_ai R0000000 0.8999999867 target_arr_min 0.9
 a_prod_ai rule_rnd_ratio_min 1 fair_fair_share_product 1
 a_prod_ai spend_definition -1 maxfund_prod_ai 1
 a_prod_ai minfund_prod_ai 1
 M0000013 'MARKER' 'INTORG'
 y_prod_ai maxfund_prod_ai -1000000 minfund_prod_ai -500000
 M0000014 'MARKER' 'INTEND'
 a_plat_run R0000000 -5.56800E-10 rule_rnd_ratio_min 1
 a_plat_run fair_fair_share_platform 1 spend_definition -1
 M0000015 'MARKER' 'INTORG'
 n_plat_sre R0000000 269999.99593 rule_rnd_ratio_min 230000
 n_plat_sre fair_fair_share_platform 230000 rule_new_heads 1
 n_plat_sre spend_definition -230000
 M0000016 'MARKER' 'INTEND'
 x_plat_observability_1 R0000000 1.3499999794 rule_rnd_ratio_min 1
 x_plat_observability_1 fair_fair_share_platform 1 spend_definition -1
 x_plat_observability_2 R0000000 0.8999999861 rule_rnd_ratio_min 1
 x_plat_observability_2 fair_fair_share_platform 1 spend_definition -1
 M0000017 'MARKER' 'INTORG'
 y_plat_k8s R0000000 647999.9899 target_arr_min 240000
 y_plat_k8s rule_rnd_ratio_min 650000 fair_fair_share_platform 650000
 y_plat_k8s spend_definition -650000
 n_plat_eng R0000000 241999.99619 target_arr_min 92000
 n_plat_eng rule_rnd_ratio_min 230000 fair_fair_share_platform 230000
 n_plat_eng rule_new_heads 1 spend_definition -230000
 M0000018 'MARKER' 'INTEND'
 a_grow_run R0000000 -5.95467E-10 rule_rnd_ratio_min 1
 a_grow_run fair_fair_share_growth 1 spend_definition -1
 M0000019 'MARKER' 'INTORG'
 n_grow_eng R0000000 235199.9962 target_arr_min 211200
 n_grow_eng rule_rnd_ratio_min 220000 fair_fair_share_growth 220000
 n_grow_eng rule_new_heads 1 spend_definition -220000
 M0000020 'MARKER' 'INTEND'
 x_grow_enterprise_1 R0000000 2.1999999646 target_arr_min 2.2
 x_grow_enterprise_1 rule_rnd_ratio_min 1 fair_fair_share_growth 1
 x_grow_enterprise_1 spend_definition -1
 x_grow_enterprise_2 R0000000 1.2499999796 target_arr_min 1.25
 x_grow_enterprise_2 rule_rnd_ratio_min 1 fair_fair_share_growth 1
 x_grow_enterprise_2 spend_definition -1
 x_grow_experiments_1 R0000000 1.4999999754 target_arr_min 1.5
 x_grow_experiments_1 rule_rnd_ratio_min 1 fair_fair_share_growth 1
 x_grow_experiments_1 spend_definition -1
 x_grow_experiments_2 R0000000 0.7499999874 target_arr_min 0.75
 x_grow_experiments_2 rule_rnd_ratio_min 1 fair_fair_share_growth 1
 x_grow_experiments_2 spend_definition -1
 a_grow_integrations R0000000 0.7799999867 target_arr_min 0.66
 a_grow_integrations rule_rnd_ratio_min 1 fair_fair_share_growth 1
 a_grow_integrations spend_definition -1
 a_grow_mobile R0000000 0.7349999873 target_arr_min 0.375
 a_grow_mobile rule_rnd_ratio_min 1 fair_fair_share_growth 1
 a_grow_mobile spend_definition -1
 a_data_run R0000000 -6.41867E-10 rule_rnd_ratio_min 1
 a_data_run fair_fair_share_data 1 spend_definition -1
 M0000021 'MARKER' 'INTORG'
 y_data_warehouse R0000000 289999.99464 req_data_churn_model_data_warehouse -1
 y_data_warehouse rule_rnd_ratio_min 750000 fair_fair_share_data 750000
 y_data_warehouse spend_definition -750000
 M0000022 'MARKER' 'INTEND'
 a_data_churn_model R0000000 0.9333333168 req_data_churn_model_data_warehouse 3.3333333E-6
 a_data_churn_model rule_rnd_ratio_min 1 fair_fair_share_data 1
 a_data_churn_model spend_definition -1
 M0000023 'MARKER' 'INTORG'
 n_data_analytics R0000000 94999.99824 target_arr_min 95000
 n_data_analytics rule_rnd_ratio_min 190000 fair_fair_share_data 190000
 n_data_analytics rule_new_heads 1 spend_definition -190000
 M0000024 'MARKER' 'INTEND'
 a_sec_run R0000000 -6.72800E-10 rule_security_floor 1
 a_sec_run fair_fair_share_security 1 spend_definition -1
 M0000025 'MARKER' 'INTORG'
 y_sec_soc2 R0000000 1147499.9797 target_arr_min 1080000
 y_sec_soc2 rule_security_floor 220000 fair_fair_share_security 220000
 y_sec_soc2 spend_definition -220000
 M0000026 'MARKER' 'INTEND'
 a_sec_edr R0000000 1.6666666363 rule_security_floor 1
 a_sec_edr fair_fair_share_security 1 spend_definition -1
 a_sec_pentest R0000000 0.9999999813 rule_security_floor 1
 a_sec_pentest fair_fair_share_security 1 spend_definition -1
 M0000027 'MARKER' 'INTORG'
 n_sec_eng R0000000 187499.99643 rule_security_floor 230000
 n_sec_eng fair_fair_share_security 230000 rule_new_heads 1
 n_sec_eng spend_definition -230000
 M0000028 'MARKER' 'INTEND'
 a_it_laptops R0000000 -7.11467E-10 rule_security_floor 1
 a_it_laptops fair_fair_share_security 1 spend_definition -1
 a_ppl_run R0000000 -7.19200E-10 fair_fair_share_people 1
 a_ppl_run spend_definition -1
 a_ppl_recruiting R0000000 -7.26933E-10 fair_fair_share_people 1
 a_ppl_recruiting spend_definition -1
 x_ppl_comp_1 R0000000 1.4285714007 fair_fair_share_people 1
 x_ppl_comp_1 spend_definition -1
 x_ppl_comp_2 R0000000 0.7999999841 fair_fair_share_people 1
 x_ppl_comp_2 spend_definition -1
 a_ppl_learning R0000000 0.5833333214 fair_fair_share_people 1
 a_ppl_learning spend_definition -1
 a_fin_run R0000000 -7.50133E-10 fair_fair_share_finance 1
 a_fin_run spend_definition -1
 a_fin_billing R0000000 1.2114285469 target_arr_min 1.0285714286
 a_fin_billing fair_fair_share_finance 1 spend_definition -1
 a_fin_planning R0000000 -7.65600E-10 fair_fair_share_finance 1
 a_fin_planning spend_definition -1
 spend_total rule_gtm_share_max -0.4 spend_definition 1
 spend_total budget 1
 spend_group1 rule_rnd_ratio_min -0.9 rule_gtm_share_max 1
 spend_group1 spend_group1_definition 1
RHS
 RHS1 budget 29500000 rule_new_heads 24
 RHS1 fair_fair_share_sales 3714000 fair_fair_share_marketing 3390000
 RHS1 fair_fair_share_cs 2262000 fair_fair_share_product 2058000
 RHS1 fair_fair_share_platform 2850000 fair_fair_share_growth 3228000
 RHS1 fair_fair_share_data 1338000 fair_fair_share_security 1446000
 RHS1 fair_fair_share_people 1170000 fair_fair_share_finance 1050000
 RHS1 rule_mkt_programs 2500000 rule_security_floor 1700000
 RHS1 target_arr_min 14000000
BOUNDS
 FX BND1 a_sales_run 2800000
 UP BND1 n_sales_ae 8
 UP BND1 n_sales_sdr 6
 UP BND1 y_sales_crm 1
 UP BND1 x_sales_enablement_1 150000
 UP BND1 x_sales_enablement_2 200000
 UP BND1 x_sales_partners_1 250000
 UP BND1 x_sales_partners_2 250000
 UP BND1 y_sales_partners 1
 FX BND1 a_mkt_run 1300000
 UP BND1 x_mkt_paid_1 800000
 UP BND1 x_mkt_paid_2 800000
 UP BND1 x_mkt_paid_3 400000
 UP BND1 x_mkt_paid_4 600000
 UP BND1 x_mkt_content_1 300000
 UP BND1 x_mkt_content_2 300000
 UP BND1 x_mkt_events_1 400000
 UP BND1 x_mkt_events_2 300000
 UP BND1 a_mkt_abm 450000
 UP BND1 a_mkt_brand 600000
 UP BND1 y_mkt_brand 1
 FX BND1 a_cs_run 1800000
 UP BND1 n_cs_csm 6
 UP BND1 x_cs_onboarding_1 200000
 UP BND1 x_cs_onboarding_2 200000
 UP BND1 n_cs_support 4
 UP BND1 a_cs_academy 250000
 FX BND1 a_prod_run 1400000
 UP BND1 n_prod_pm 2
 UP BND1 n_prod_design 2
 UP BND1 a_prod_research 250000
 UP BND1 a_prod_ai 1000000
 UP BND1 y_prod_ai 1
 FX BND1 a_plat_run 2600000
 UP BND1 n_plat_sre 3
 UP BND1 x_plat_observability_1 200000
 UP BND1 x_plat_observability_2 150000
 UP BND1 y_plat_k8s 1
 UP BND1 n_plat_eng 2
 FX BND1 a_grow_run 2200000
 UP BND1 n_grow_eng 4
 UP BND1 x_grow_enterprise_1 500000
 UP BND1 x_grow_enterprise_2 400000
 UP BND1 x_grow_experiments_1 200000
 UP BND1 x_grow_experiments_2 200000
 UP BND1 a_grow_integrations 600000
 UP BND1 a_grow_mobile 400000
 FX BND1 a_data_run 800000
 UP BND1 y_data_warehouse 1
 UP BND1 a_data_churn_model 300000
 UP BND1 n_data_analytics 2
 FX BND1 a_sec_run 1100000
 UP BND1 y_sec_soc2 1
 UP BND1 a_sec_edr 180000
 UP BND1 a_sec_pentest 150000
 UP BND1 n_sec_eng 2
 LO BND1 a_it_laptops 200000
 UP BND1 a_it_laptops 300000
 FX BND1 a_ppl_run 700000
 LO BND1 a_ppl_recruiting 150000
 UP BND1 a_ppl_recruiting 350000
 UP BND1 x_ppl_comp_1 350000
 UP BND1 x_ppl_comp_2 250000
 UP BND1 a_ppl_learning 300000
 FX BND1 a_fin_run 1200000
 UP BND1 a_fin_billing 350000
 LO BND1 a_fin_planning 60000
 UP BND1 a_fin_planning 200000
 FR BND1 spend_total
 FR BND1 spend_group1
ENDATA
