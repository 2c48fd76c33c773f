"""Column headings in the languages lists are published in besides English (data, not code).

Brands in France, Germany, Spain, Italy, the Netherlands and Turkey publish their factory lists in
their own language, and lists compiled in China, Taiwan, Japan, Korea, Vietnam, Thailand, Indonesia and
Malaysia (palm-oil mills) head their columns in theirs ("Nom de l'usine", "Fabrikname", "Nombre de la
fábrica", "工厂名称", "Nama Pabrik"). `headings` reads these as
it reads the English table: accents, case and punctuation do not matter.
"""

from __future__ import annotations

# The site's own name: beside a supplier's name it is the entity, and the supplier its parent.
SITE_NAMES: tuple[str, ...] = (
    "Nom de l'usine", "Nom usine", "Usine", "Nom du site", "Site de production", "Nom du site de production",
    "Fabrikname", "Name der Fabrik", "Fabrik", "Produktionsstätte", "Name der Produktionsstätte",
    "Produktionsstandort", "Nombre de la fábrica", "Nombre de fábrica", "Fábrica", "Nombre de la planta",
    "Planta", "Nombre de la instalación", "Nome fabbrica", "Nome della fabbrica", "Stabilimento",
    "Nome dello stabilimento", "Nome da fábrica", "Fabrieksnaam", "Naam fabriek", "Fabriek", "Fabrika Adı",
    "Fabrika", "Tên nhà máy", "Nhà máy", "工厂名称", "工厂名", "工厂", "工廠名稱", "工廠", "厂名", "生产工厂",
    "工場名", "工場名称", "工場", "공장명", "Produzent", "Hersteller", "Name des Herstellers", "Produktionsbetrieb",
    "Name des Produktionsbetriebs", "Fabricant", "Nom du fabricant", "Fabricante", "Produttore",
    "Nama Pabrik", "Pabrik", "Nama PKS", "Nama Pabrik Kelapa Sawit", "Nama Kilang", "ชื่อโรงงาน", "โรงงาน")
# The firm that holds the order.
SUPPLIER_NAMES: tuple[str, ...] = (
    "Nom du fournisseur", "Fournisseur", "Raison sociale", "Lieferant", "Lieferantenname", "Name des Lieferanten",
    "Nombre del proveedor", "Proveedor", "Razón social", "Fornitore", "Nome fornitore", "Ragione sociale",
    "Fornecedor", "Nome do fornecedor", "Leverancier", "Naam leverancier", "Tedarikçi", "Tedarikçi Adı",
    "Firma Adı", "Nhà cung cấp", "Tên nhà cung cấp", "供应商名称", "供应商", "供應商名稱", "供應商", "企业名称",
    "公司名称", "仕入先名", "仕入先", "サプライヤー名", "取引先名", "공급업체명", "협력업체명",
    "Nama Perusahaan", "Perusahaan", "Nama Pemasok", "Pemasok", "ชื่อบริษัท", "ชื่อผู้จัดหา")

FOREIGN: dict[str, tuple[str, ...]] = {
    "name": SITE_NAMES + SUPPLIER_NAMES,
    "address": ("Adresse", "Adresse de l'usine", "Adresse du site", "Anschrift", "Straße", "Straße und Hausnummer",
                "Dirección",
                "Domicilio", "Indirizzo", "Endereço", "Adres", "Địa chỉ", "地址", "工厂地址", "工廠地址", "详细地址",
                "所在地", "住所", "주소", "Code postal", "Postleitzahl", "PLZ", "Código postal", "CAP", "CEP",
                "Alamat", "Kode Pos", "Poskod", "ที่อยู่", "รหัสไปรษณีย์"),
    "city": ("Ville", "Stadt", "Ort", "Ciudad", "Città", "Cidade", "Stad", "Plaats", "Şehir", "İl", "Thành phố",
             "城市", "市", "都市", "도시", "所在城市", "Municipio", "Município", "Localidad", "Comuna", "Commune",
             "Kota", "Kabupaten", "Kabupaten/Kota", "Bandar"),
    "subdivision": ("Région", "Département", "Bundesland", "Provincia", "Estado", "Regione", "Provincie",
                    "Tỉnh", "省份", "省", "省/市", "都道府県", "州", "Departamento", "Provinsi", "Negeri", "จังหวัด"),
    "country": ("Pays", "Land", "País", "Paese", "Nazione", "Ülke", "Quốc gia", "国家", "國家", "国家/地区",
                "國家/地區", "国別", "国", "국가", "所在国家", "国家或地区", "所在国", "国家地区", "Negara", "ประเทศ"),
    "product_type": ("Produits", "Catégorie de produits", "Type de produit", "Produkte", "Produktgruppe",
                     "Produktkategorie", "Warengruppe", "Productos", "Producto", "Categoría de producto",
                     "Tipo de producto", "Prodotti", "Categoria prodotto", "Produtos", "Producten",
                     "Ürün", "Ürün Grubu", "Sản phẩm", "Produk", "ผลิตภัณฑ์",
                     "产品", "产品类别", "產品", "产品类型", "主要产品", "製品", "品目", "제품"),
    "number_of_workers": ("Nombre de salariés", "Nombre d'employés", "Nombre de travailleurs", "Effectif",
                          "Effectifs", "Anzahl Beschäftigte", "Anzahl der Beschäftigten", "Anzahl Mitarbeiter",
                          "Anzahl der Mitarbeiter", "Mitarbeiter",
                          "Mitarbeitende", "Anzahl Mitarbeitende", "Beschäftigte", "Número de trabajadores",
                          "Número de empleados", "Trabajadores", "Numero di lavoratori", "Numero dipendenti",
                          "Dipendenti", "Número de trabalhadores", "Aantal werknemers", "Çalışan Sayısı",
                          "İşçi Sayısı", "Số lượng công nhân", "Số công nhân", "工人数量", "工人人数", "员工人数",
                          "員工人數", "员工数", "人数", "従業員数", "종업원 수", "Nº de trabajadores",
                          "Nº trabajadores", "N° de trabajadores", "Nº de empleados", "Número de funcionários",
                          "Trabalhadores", "Nº de trabalhadores", "员工总数", "工人总数", "员工数量", "工人数",
                          "Jumlah Pekerja", "Jumlah Karyawan", "Bilangan Pekerja", "จำนวนพนักงาน", "จำนวนคนงาน"),
    "female_share": ("% de femmes", "% femmes", "Frauenanteil", "Anteil Frauen", "% Frauen", "% mujeres",
                     "% de mujeres", "% donne", "% mulheres", "% vrouwen", "女工比例", "女性比例", "女性比率"),
    "parent_company": ("Groupe", "Société mère", "Muttergesellschaft", "Konzern", "Grupo", "Empresa matriz",
                       "Gruppo", "母公司", "集团", "親会社", "Grup", "Induk Perusahaan", "Kumpulan"),
    "tier": ("Rang", "Niveau", "Stufe", "Nivel", "Livello", "层级", "级别"),
    "lat": ("Latitud", "Breitengrad", "纬度", "緯度", "Lintang", "ละติจูด"),
    "lng": ("Longitud", "Längengrad", "经度", "經度", "Bujur", "ลองจิจูด"),
    "processing_type": ("Procédé", "Type de procédé", "Prozess", "Verarbeitungsstufe", "Proceso", "Processo",
                        "工序", "加工类型", "工程"),
}

# Headings only an Italian list writes: beside one of them "CAP" is the postcode (codice di avviamento
# postale); in an English list it is a capacity or a corrective action plan.
ITALIAN: tuple[str, ...] = (
    "Nome fabbrica", "Nome della fabbrica", "Stabilimento", "Nome dello stabilimento", "Produttore", "Fornitore",
    "Nome fornitore", "Ragione sociale", "Indirizzo", "Città", "Comune", "Località", "Provincia", "Regione", "Paese",
    "Nazione", "Prodotti", "Categoria prodotto", "Numero di lavoratori", "Numero dipendenti", "Dipendenti",
    "% donne", "Gruppo", "Livello", "Processo")
