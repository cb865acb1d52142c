"""Places for the synthetic country: the gemeenten and areas of the real DUO address list.

Derived once from /work/shared/duo-samples/vo/alle-vestigingen-vo_2020-12.csv (DUO open data,
December 2020): every gemeente with a vo vestiging, its areas, its most common plaatsnaam and
4-digit postcode, and how many vestigingen it had (the sampling weight). Data, not logic.
"""

from __future__ import annotations

# Area code -> name, per area kind, exactly as DUO spells them.
AREA_NAMES: dict[str, dict[str, str]] = {
    "nodaal": {
        "01": "Groningen",
        "02": "Appingedam/Delfzijl",
        "03": "Hoogezand-Sappemeer",
        "04": "Veendam",
        "05": "Winschoten",
        "06": "Stadskanaal",
        "07": "Smallingerland",
        "08": "Heerenveen",
        "09": "Sneek",
        "10": "Leeuwarden",
        "11": "Assen",
        "12": "Emmen",
        "13": "Coevorden/Dalen",
        "14": "Hoogeveen",
        "15": "Meppel",
        "16": "Steenwijk",
        "17": "Noordoostpolder",
        "18": "Zwolle",
        "19": "Hardenberg/Gramsbergen",
        "20": "Deventer",
        "21": "Almelo",
        "22": "Enschede",
        "23": "Zutphen",
        "24": "Winterswijk",
        "25": "Doetinchem",
        "26": "Arnhem",
        "27": "Apeldoorn",
        "28": "Harderwijk",
        "29": "Ede",
        "30": "Nijmegen",
        "31": "Tiel",
        "32": "Zaltbommel",
        "33": "Culemborg",
        "34": "Veenendaal",
        "35": "Amersfoort",
        "36": "Utrecht",
        "37": "Den Helder",
        "38": "Alkmaar",
        "39": "Enkhuizen",
        "40": "Hoorn",
        "41": "Zaanstad",
        "42": "Velsen",
        "43": "Haarlem",
        "44": "Amsterdam",
        "45": "Hilversum",
        "46": "Leiden",
        "47": "Alphen aan den Rijn",
        "48": "Woerden",
        "49": "'s-Gravenhage",
        "50": "Delft",
        "51": "Gouda",
        "52": "Gorinchem",
        "53": "Dordrecht/Zwijndrecht",
        "54": "Rotterdam",
        "55": "Oud-Beijerland",
        "56": "Brielle",
        "57": "Middelharnis",
        "58": "Zierikzee",
        "59": "Middelburg",
        "60": "Goes",
        "61": "Oostburg",
        "62": "Terneuzen",
        "63": "Hulst",
        "64": "Bergen op Zoom",
        "65": "Roosendaal en Nispen",
        "66": "Breda",
        "67": "Waalwijk",
        "68": "Tilburg",
        "69": "'s-Hertogenbosch",
        "70": "Eindhoven",
        "71": "Uden",
        "72": "Oss",
        "73": "Boxmeer",
        "74": "Helmond",
        "75": "Weert",
        "76": "Venlo",
        "77": "Roermond",
        "78": "Sittard",
        "79": "Heerlen",
        "80": "Maastricht",
    },
    "rpa": {
        "01": "Noord-Groningen",
        "02": "Oost-Groningen",
        "03": "Centraal-Groningen",
        "04": "Fryslân",
        "05": "Zuid- en Midden-Drenthe",
        "06": "IJssel en Vecht",
        "07": "Twente",
        "08": "Noordwest-Veluwe",
        "09": "Stedendriehoek",
        "10": "De Vallei",
        "11": "IJssel en Rijn",
        "12": "Achterhoek",
        "13": "Nijmegen",
        "14": "Rivierenland",
        "15": "Flevoland",
        "16": "Gooi en Vechtstreek",
        "17": "Eemland",
        "18": "Utrecht-Midden",
        "19": "Noord-Holland-Noord",
        "20": "Zuidelijk Noord-Holland",
        "21": "Rijn-Gouwe",
        "22": "Haaglanden",
        "23": "Rijnmond",
        "24": "Zeeland",
        "25": "West-Brabant",
        "26": "Midden-Brabant",
        "27": "Noordoost-Brabant",
        "28": "Zuidoost-Brabant",
        "29": "Noord-Limburg",
        "30": "Weert",
        "31": "Roermond",
        "32": "Westelijke Mijnstreek",
        "33": "Parkstad Limburg",
        "34": "Maastricht Mergelland",
    },
    "wgr": {
        "01": "Oost-Groningen",
        "02": "Noord-Groningen en Eemsmond",
        "03": "Centraal en westelijk Groningen",
        "04": "Friesland-Noord",
        "05": "Zuidwest-Friesland",
        "06": "Friesland-Oost",
        "07": "Noord- en Midden-Drenthe",
        "08": "Zuidoost-Drenthe",
        "09": "Zuidwest-Drenthe",
        "10": "IJssel-Vecht",
        "11": "Stedendriehoek",
        "12": "Twente",
        "13": "Oost-Gelderland",
        "14": "Arnhem/Nijmegen",
        "15": "Rivierenland",
        "16": "Eem en Vallei",
        "17": "Noordwest-Veluwe",
        "18": "Flevoland",
        "19": "Utrecht",
        "20": "Gooi en Vechtstreek",
        "21": "Agglomeratie Amsterdam",
        "22": "Westfriesland",
        "23": "Kop van Noord-Holland",
        "24": "Noord-Kennemerland",
        "25": "West-Kennemerland",
        "26": "Zuid-Holland-Noord",
        "27": "Zuid-Holland-Oost",
        "28": "Haaglanden",
        "29": "Rijnmond",
        "30": "Zuid-Holland-Zuid",
        "31": "Oosterschelde regio",
        "32": "Walcheren",
        "33": "Zeeuwsch-Vlaanderen",
        "34": "West-Brabant",
        "35": "Midden-Brabant",
        "36": "Noordoost-Brabant",
        "37": "Zuidoost-Brabant",
        "38": "Noord-Limburg",
        "39": "Midden-Limburg",
        "40": "Westelijke Mijnstreek",
        "41": "Oostelijk Zuid-Limburg",
        "42": "Maastricht en Mergelland",
    },
    "corop": {
        "01": "Oost-Groningen",
        "02": "Delfzijl en omgeving",
        "03": "Overig Groningen",
        "04": "Noord-Friesland",
        "05": "Zuidwest-Friesland",
        "06": "Zuidoost-Friesland",
        "07": "Noord-Drenthe",
        "08": "Zuidoost-Drenthe",
        "09": "Zuidwest-Drenthe",
        "10": "Noord-Overijssel",
        "11": "Zuidwest-Overijssel",
        "12": "Twente",
        "13": "Veluwe",
        "14": "Achterhoek",
        "15": "Arnhem/Nijmegen",
        "16": "Zuidwest-Gelderland",
        "17": "Utrecht",
        "18": "Kop van Noord-Holland",
        "19": "Alkmaar en omgeving",
        "20": "IJmond",
        "21": "Agglomeratie Haarlem",
        "22": "Zaanstreek",
        "23": "Groot-Amsterdam",
        "24": "Het Gooi en Vechtstreek",
        "25": "Agglomeratie Leiden en Bollenstreek",
        "26": "Agglomeratie 's-Gravenhage",
        "27": "Delft en Westland",
        "28": "Oost-Zuid-Holland",
        "29": "Groot-Rijnmond",
        "30": "Zuidoost-Zuid-Holland",
        "31": "Zeeuwsch-Vlaanderen",
        "32": "Overig Zeeland",
        "33": "West-Noord-Brabant",
        "34": "Midden-Noord-Brabant",
        "35": "Noordoost-Noord-Brabant",
        "36": "Zuidoost-Noord-Brabant",
        "37": "Noord-Limburg",
        "38": "Midden-Limburg",
        "39": "Zuid-Limburg",
        "40": "Flevoland",
    },
    "onderwijsgebied": {
        "01": "Groningen en omstreken",
        "02": "Oost-Groningen",
        "03": "Friesland",
        "04": "Assen-Hoogeveen-Emmen",
        "05": "Zwolle-Meppel en omstreken",
        "06": "Twente",
        "07": "Apeldoorn en midden-IJsselgebied",
        "08": "Zuidelijke Achterhoek",
        "09": "Arnhem en omstreken",
        "10": "Harderwijk-Amersfoort",
        "11": "Oostelijk Maas-Waalgebied",
        "12": "Noord-Noord-Brabant",
        "13": "Utrecht en omstreken",
        "14": "Noord-Noord-Holland",
        "15": "Zuid-Noord-Holland",
        "16": "Noord-Zuid-Holland",
        "17": "Rijnmond groot",
        "18": "Dordrecht-Gorinchem",
        "19": "Zeeland",
        "20": "West-Noord-Brabant",
        "21": "Tilburg en omstreken",
        "22": "Zuidoost-Noord-Brabant",
        "23": "Noord-Limburg",
        "24": "Roermond en omstreken",
        "25": "Zuid-Limburg",
    },
    "rmc": {
        "01": "Oost-Groningen",
        "02": "Noord-Groningen-Eemsmond",
        "03": "Centraal en Westelijk Groningen",
        "04": "Friesland Noord",
        "05": "Zuid-West Friesland",
        "06": "Friesland-Oost ('de Friese Wouden')",
        "07": "Noord- en Midden Drenthe",
        "08": "Zuid-Oost Drenthe",
        "09": "Zuid-West Drenthe",
        "10": "IJssel-Vecht",
        "11": "Stedendriehoek",
        "12": "Twente",
        "13": "Achterhoek",
        "14": "Arnhem/Nijmegen",
        "15": "Rivierenland",
        "16": "Eem en Vallei",
        "17": "Noordwest-Veluwe",
        "18": "Flevoland",
        "19": "Utrecht",
        "20": "Gooi en Vechtstreek",
        "21": "Agglomeratie Amsterdam",
        "22": "West-Friesland",
        "23": "Kop van Noord-Holland",
        "24": "Alkmaar",
        "25": "Zuid-Kennemerland en IJmond",
        "26": "Zuid-Holland-Noord",
        "27": "Zuid-Holland-Oost",
        "28": "Haaglanden/Westland",
        "29": "Rijnmond",
        "30": "Zuid-Holland-Zuid",
        "31": "Oosterschelde Regio",
        "32": "Walcheren",
        "33": "Zeeuwsch-Vlaanderen",
        "34": "West-Brabant",
        "35": "Midden-Brabant",
        "36": "Noord-Oost-Brabant",
        "37": "Zuidoost-Brabant",
        "38": "Gewest Limburg-Noord",
        "39": "Gewest Zuid-Limburg",
    },
}

# gemeentenummer;GEMEENTENAAM;PLAATSNAAM;provincie;nodaal;rpa;wgr;corop;onderwijsgebied;rmc;
# postcode digits;weight - ordered by COROP code, then gemeentenummer.
_GEMEENTEN = """
0037;STADSKANAAL;STADSKANAAL;Groningen;06;02;01;01;02;01;9501;6
0047;VEENDAM;VEENDAM;Groningen;04;02;01;01;02;01;9641;5
0765;PEKELA;OUDE PEKELA;Groningen;05;02;01;01;02;01;9665;1
1895;OLDAMBT;WINSCHOTEN;Groningen;05;02;01;01;02;01;9675;8
1950;WESTERWOLDE;TER APEL;Groningen;06;02;01;01;02;01;9561;3
0003;APPINGEDAM;APPINGEDAM;Groningen;02;01;02;02;01;02;9902;3
0010;DELFZIJL;WOLDENDORP;Groningen;02;01;02;02;01;02;9946;2
0014;GRONINGEN;GRONINGEN;Groningen;01;03;03;03;01;03;9721;30
1952;MIDDEN-GRONINGEN;HOOGEZAND;Groningen;03;03;03;03;01;03;9603;4
1966;HET HOGELAND;WINSUM GN;Groningen;01;01;02;03;01;02;9951;6
1969;WESTERKWARTIER;LEEK;Groningen;01;03;03;03;01;03;9351;7
0059;ACHTKARSPELEN;BUITENPOST;Friesland;10;04;06;04;03;06;9285;3
0060;AMELAND;NES AMELAND;Friesland;10;04;04;04;03;04;9163;1
0072;HARLINGEN;HARLINGEN;Friesland;10;04;04;04;03;04;8862;3
0080;LEEUWARDEN;LEEUWARDEN;Friesland;10;04;04;04;03;04;8924;20
0088;SCHIERMONNIKOOG;SCHIERMONNIKOOG;Friesland;10;04;04;04;03;04;9166;1
0093;TERSCHELLING;MIDSLAND;Friesland;10;04;04;04;03;04;8891;1
0096;VLIELAND;VLIELAND;Friesland;10;04;04;04;03;04;8899;1
0737;TYTSJERKSTERADIEL;BURGUM;Friesland;10;04;06;04;03;06;9251;5
1949;WAADHOEKE;FRANEKER;Friesland;10;04;04;04;03;04;8802;6
1970;NOARDEAST-FRYSLAN;DOKKUM;Friesland;10;04;04;04;03;04;9101;9
1900;SUDWEST-FRYSLAN;SNEEK;Friesland;09;04;05;05;03;05;8601;12
1940;DE FRYSKE MARREN;BALK;Friesland;08;04;05;05;03;05;8561;5
0074;HEERENVEEN;HEERENVEEN;Friesland;08;04;06;06;03;06;8446;10
0085;OOSTSTELLINGWERF;WASKEMEER;Friesland;07;04;06;06;03;06;8434;2
0086;OPSTERLAND;GORREDIJK;Friesland;07;04;06;06;03;06;8401;1
0090;SMALLINGERLAND;DRACHTEN;Friesland;07;04;06;06;03;06;9202;8
0098;WESTSTELLINGWERF;WOLVEGA;Friesland;08;04;06;06;03;06;8471;2
0106;ASSEN;ASSEN;Drenthe;11;03;07;07;04;07;9402;11
1680;AA EN HUNZE;GIETEN;Drenthe;11;03;07;07;04;07;9461;1
1699;NOORDENVELD;RODEN;Drenthe;01;03;07;07;01;07;9301;3
1730;TYNAARLO;EELDE;Drenthe;01;03;07;07;01;07;9761;2
1731;MIDDEN-DRENTHE;BEILEN;Drenthe;11;05;07;07;04;07;9411;2
0109;COEVORDEN;COEVORDEN;Drenthe;13;05;08;08;04;08;7742;2
0114;EMMEN;EMMEN;Drenthe;12;05;08;08;04;08;7822;9
1681;BORGER-ODOORN;BORGER;Drenthe;12;05;08;08;04;08;9531;1
0118;HOOGEVEEN;HOOGEVEEN;Drenthe;14;05;09;09;04;09;7905;7
0119;MEPPEL;MEPPEL;Drenthe;15;05;09;09;05;09;7943;8
1701;WESTERVELD;DIEVER;Drenthe;15;05;09;09;05;09;7981;1
0148;DALFSEN;NIEUWLEUSEN;Overijssel;18;06;10;10;05;10;7711;1
0160;HARDENBERG;HARDENBERG;Overijssel;19;06;10;10;04;10;7772;7
0166;KAMPEN;KAMPEN;Overijssel;18;06;10;10;05;10;8265;10
0175;OMMEN;OMMEN;Overijssel;18;06;10;10;05;10;7731;2
0180;STAPHORST;STAPHORST;Overijssel;15;06;10;10;05;10;7951;1
0193;ZWOLLE;ZWOLLE;Overijssel;18;06;10;10;05;10;8041;28
1708;STEENWIJKERLAND;STEENWIJK;Overijssel;16;06;10;10;05;10;8331;5
1896;ZWARTEWATERLAND;ZWARTSLUIS;Overijssel;18;06;10;10;05;10;8064;1
0150;DEVENTER;DEVENTER;Overijssel;20;09;11;11;07;11;7415;9
0177;RAALTE;RAALTE;Overijssel;20;06;10;11;07;10;8101;3
1773;OLST-WIJHE;WIJHE;Overijssel;20;09;10;11;07;11;8131;1
0141;ALMELO;ALMELO;Overijssel;21;07;12;12;06;12;7604;12
0147;BORNE;BORNE;Overijssel;22;07;12;12;06;12;7622;1
0153;ENSCHEDE;ENSCHEDE;Overijssel;22;07;12;12;06;12;7544;19
0158;HAAKSBERGEN;HAAKSBERGEN;Overijssel;22;07;12;12;06;12;7481;2
0163;HELLENDOORN;NIJVERDAL;Overijssel;21;07;12;12;06;12;7441;2
0164;HENGELO;HENGELO OV;Overijssel;22;07;12;12;06;12;7556;9
0168;LOSSER;LOSSER;Overijssel;22;07;12;12;06;12;7581;1
0173;OLDENZAAL;OLDENZAAL;Overijssel;22;07;12;12;06;12;7572;4
0183;TUBBERGEN;TUBBERGEN;Overijssel;21;07;12;12;06;12;7651;1
0189;WIERDEN;WIERDEN;Overijssel;21;07;12;12;06;12;7642;1
1700;TWENTERAND;VRIEZENVEEN;Overijssel;21;07;12;12;06;12;7671;2
1735;HOF VAN TWENTE;GOOR;Overijssel;22;07;12;12;06;12;7471;2
1742;RIJSSEN-HOLTEN;RIJSSEN;Overijssel;21;07;12;12;06;12;7461;5
1774;DINKELLAND;DENEKAMP;Overijssel;22;07;12;12;06;12;7591;1
0200;APELDOORN;APELDOORN;Gelderland;27;09;11;13;07;11;7316;20
0203;BARNEVELD;BARNEVELD;Gelderland;35;10;16;13;10;16;3771;6
0228;EDE;EDE GLD;Gelderland;29;10;16;13;09;16;6717;9
0230;ELBURG;ELBURG;Gelderland;18;08;17;13;05;17;8081;3
0232;EPE;EPE;Gelderland;27;09;11;13;07;11;8162;2
0233;ERMELO;ERMELO;Gelderland;28;08;17;13;10;17;3851;1
0243;HARDERWIJK;HARDERWIJK;Gelderland;28;08;17;13;10;17;3844;7
0246;HEERDE;HEERDE;Gelderland;18;06;10;13;05;10;8181;1
0267;NIJKERK;NIJKERK GLD;Gelderland;35;10;16;13;10;16;3863;5
0269;OLDEBROEK;WEZEP;Gelderland;18;08;17;13;05;17;8091;1
0273;PUTTEN;PUTTEN;Gelderland;28;08;17;13;10;17;3881;1
0285;VOORST;TWELLO;Gelderland;20;09;11;13;07;11;7391;2
0289;WAGENINGEN;WAGENINGEN;Gelderland;29;10;16;13;09;16;6706;3
0302;NUNSPEET;NUNSPEET;Gelderland;28;08;17;13;10;17;8071;1
0197;AALTEN;AALTEN;Gelderland;24;12;13;14;08;13;7122;3
0222;DOETINCHEM;DOETINCHEM;Gelderland;25;12;13;14;08;13;7001;9
0262;LOCHEM;LOCHEM;Gelderland;23;09;11;14;07;11;7241;1
0294;WINTERSWIJK;WINTERSWIJK;Gelderland;24;12;13;14;08;13;7101;4
0301;ZUTPHEN;ZUTPHEN;Gelderland;23;09;11;14;07;11;7204;13
1509;OUDE IJSSELSTREEK;SILVOLDE;Gelderland;25;12;13;14;08;13;7064;3
1586;OOST GELRE;GROENLO;Gelderland;24;12;13;14;08;13;7141;2
1859;BERKELLAND;NEEDE;Gelderland;22;12;13;14;06;13;7161;7
1876;BRONCKHORST;VORDEN;Gelderland;25;12;13;14;08;13;7251;2
1955;MONTFERLAND;DIDAM;Gelderland;25;12;13;14;08;13;6942;2
0202;ARNHEM;ARNHEM;Gelderland;26;11;14;15;09;14;6826;18
0225;DRUTEN;DRUTEN;Gelderland;30;13;15;15;11;14;6651;2
0226;DUIVEN;DUIVEN;Gelderland;26;11;14;15;09;14;6922;3
0268;NIJMEGEN;NIJMEGEN;Gelderland;30;13;14;15;11;14;6533;25
0274;RENKUM;DOORWERTH;Gelderland;26;11;14;15;09;14;6865;1
0275;RHEDEN;VELP GLD;Gelderland;26;11;14;15;09;14;6883;6
0277;ROZENDAAL;ROZENDAAL;Gelderland;26;11;14;15;09;14;6891;1
0296;WIJCHEN;WIJCHEN;Gelderland;30;13;14;15;11;14;6602;3
0299;ZEVENAAR;ZEVENAAR;Gelderland;26;11;14;15;09;14;6904;3
1705;LINGEWAARD;BEMMEL;Gelderland;30;11;14;15;11;14;6681;4
1734;OVERBETUWE;ELST GLD;Gelderland;26;11;14;15;09;14;6661;5
1945;BERG EN DAL;GROESBEEK;Gelderland;30;13;14;15;11;14;6562;2
0216;CULEMBORG;CULEMBORG;Gelderland;33;14;15;16;13;15;4103;6
0281;TIEL;TIEL;Gelderland;31;14;15;16;11;15;4001;5
0297;ZALTBOMMEL;ZALTBOMMEL;Gelderland;32;14;15;16;12;15;5301;4
0668;WEST MAAS EN WAAL;BENEDEN-LEEUWEN;Gelderland;31;13;15;16;11;15;6658;1
1740;NEDER-BETUWE;KESTEREN;Gelderland;31;14;15;16;11;15;4041;3
1960;WEST BETUWE;GELDERMALSEN;Gelderland;33;14;15;16;13;15;4191;2
0307;AMERSFOORT;AMERSFOORT;Utrecht;35;17;16;17;10;16;3813;26
0308;BAARN;BAARN;Utrecht;45;17;16;17;15;16;3742;2
0310;DE BILT;BILTHOVEN;Utrecht;36;18;19;17;13;19;3723;4
0313;BUNSCHOTEN;BUNSCHOTEN-SPAKENBURG;Utrecht;35;17;16;17;10;16;3751;1
0321;HOUTEN;HOUTEN;Utrecht;36;18;19;17;13;19;3994;4
0335;MONTFOORT;MONTFOORT;Utrecht;48;18;19;17;13;19;3417;1
0340;RHENEN;RHENEN;Utrecht;34;10;16;17;13;16;3911;2
0342;SOEST;SOEST;Utrecht;35;17;16;17;10;16;3761;1
0344;UTRECHT;UTRECHT;Utrecht;36;18;19;17;13;19;3512;28
0345;VEENENDAAL;VEENENDAAL;Utrecht;34;10;16;17;13;16;3904;4
0352;WIJK BIJ DUURSTEDE;WIJK BIJ DUURSTEDE;Utrecht;36;18;19;17;13;19;3962;1
0353;IJSSELSTEIN;IJSSELSTEIN UT;Utrecht;36;18;19;17;13;19;3401;2
0355;ZEIST;ZEIST;Utrecht;36;18;19;17;13;19;3708;11
0356;NIEUWEGEIN;NIEUWEGEIN;Utrecht;36;18;19;17;13;19;3435;7
0632;WOERDEN;WOERDEN;Utrecht;48;18;19;17;13;19;3446;5
0736;DE RONDE VENEN;MIJDRECHT;Utrecht;44;20;19;17;15;19;3641;2
1581;UTRECHTSE HEUVELRUG;DOORN;Utrecht;36;18;19;17;13;19;3941;4
1904;STICHTSE VECHT;MAARSSEN;Utrecht;36;18;19;17;13;19;3607;6
1961;VIJFHEERENLANDEN;VIANEN UT;Utrecht;52;18;19;17;18;19;4133;4
0388;ENKHUIZEN;ENKHUIZEN;Noord-Holland;39;19;22;18;14;22;1602;1
0400;DEN HELDER;DEN HELDER;Noord-Holland;37;19;23;18;14;23;1784;7
0405;HOORN;HOORN NH;Noord-Holland;40;19;22;18;14;22;1624;11
0420;MEDEMBLIK;MEDEMBLIK;Noord-Holland;40;19;22;18;14;22;1671;1
0441;SCHAGEN;SCHAGEN;Noord-Holland;37;19;23;18;14;23;1741;6
0448;TEXEL;DEN BURG;Noord-Holland;37;19;23;18;14;23;1791;2
0532;STEDE BROEC;GROOTEBROEK;Noord-Holland;39;19;22;18;14;22;1613;3
1911;HOLLANDS KROON;WIERINGERWERF;Noord-Holland;37;19;23;18;14;23;1771;1
0361;ALKMAAR;ALKMAAR;Noord-Holland;38;19;24;19;14;24;1823;12
0373;BERGEN NH;BERGEN NH;Noord-Holland;38;19;24;19;14;24;1861;4
0398;HEERHUGOWAARD;HEERHUGOWAARD;Noord-Holland;38;19;24;19;14;24;1702;8
0399;HEILOO;HEILOO;Noord-Holland;38;19;24;19;14;24;1852;1
0416;LANGEDIJK;ZUID-SCHARWOUDE;Noord-Holland;38;19;24;19;14;24;1722;1
0375;BEVERWIJK;BEVERWIJK;Noord-Holland;42;20;25;20;15;25;1945;2
0383;CASTRICUM;CASTRICUM;Noord-Holland;42;19;24;20;15;24;1901;4
0396;HEEMSKERK;HEEMSKERK;Noord-Holland;42;20;25;20;15;25;1965;3
0453;VELSEN;IJMUIDEN;Noord-Holland;42;20;25;20;15;25;1971;10
0377;BLOEMENDAAL;AERDENHOUT;Noord-Holland;43;20;25;21;15;25;2111;3
0392;HAARLEM;HAARLEM;Noord-Holland;43;20;25;21;15;25;2012;17
0397;HEEMSTEDE;HEEMSTEDE;Noord-Holland;43;20;25;21;15;25;2101;2
0473;ZANDVOORT;ZANDVOORT;Noord-Holland;43;20;25;21;15;25;2042;1
0479;ZAANSTAD;ZAANDAM;Noord-Holland;41;20;21;22;15;21;1503;14
0358;AALSMEER;AALSMEER;Noord-Holland;44;20;21;23;15;21;1431;2
0362;AMSTELVEEN;AMSTELVEEN;Noord-Holland;44;20;21;23;15;21;1185;4
0363;AMSTERDAM;AMSTERDAM;Noord-Holland;44;20;21;23;15;21;1077;84
0384;DIEMEN;DIEMEN;Noord-Holland;44;20;21;23;15;21;1112;1
0385;EDAM-VOLENDAM;EDAM;Noord-Holland;44;20;21;23;15;21;1135;2
0394;HAARLEMMERMEER;HOOFDDORP;Noord-Holland;44;20;21;23;15;21;2131;11
0437;OUDER-AMSTEL;AMSTERDAM-DUIVENDRECHT;Noord-Holland;44;20;21;23;15;21;1114;1
0439;PURMEREND;PURMEREND;Noord-Holland;44;20;21;23;15;21;1442;7
0451;UITHOORN;UITHOORN;Noord-Holland;44;20;21;23;15;21;1422;4
0852;WATERLAND;MONNICKENDAM;Noord-Holland;44;20;21;23;15;21;1141;1
0402;HILVERSUM;HILVERSUM;Noord-Holland;45;16;20;24;15;20;1217;17
0406;HUIZEN;HUIZEN;Noord-Holland;45;16;20;24;15;20;1276;2
0417;LAREN;LAREN NH;Noord-Holland;45;16;20;24;15;20;1251;3
0457;WEESP;WEESP;Noord-Holland;45;16;20;24;15;20;1382;2
1942;GOOISE MEREN;BUSSUM;Noord-Holland;45;16;20;24;15;20;1405;6
0534;HILLEGOM;HILLEGOM;Zuid-Holland;43;21;26;25;15;26;2182;1
0537;KATWIJK;KATWIJK ZH;Zuid-Holland;46;21;26;25;16;26;2224;5
0546;LEIDEN;LEIDEN;Zuid-Holland;46;21;26;25;16;26;2334;17
0547;LEIDERDORP;LEIDERDORP;Zuid-Holland;46;21;26;25;16;26;2353;1
0553;LISSE;LISSE;Zuid-Holland;43;21;26;25;15;26;2161;2
0575;NOORDWIJK;NOORDWIJK ZH;Zuid-Holland;46;21;26;25;16;26;2203;2
0579;OEGSTGEEST;OEGSTGEEST;Zuid-Holland;46;21;26;25;16;26;2341;3
1525;TEYLINGEN;SASSENHEIM;Zuid-Holland;46;21;26;25;16;26;2171;2
1884;KAAG EN BRAASSEM;ROELOFARENDSVEEN;Zuid-Holland;46;21;26;25;16;26;2371;1
0518;S GRAVENHAGE;'S-GRAVENHAGE;Zuid-Holland;49;22;28;26;16;28;2517;54
0603;RIJSWIJK;RIJSWIJK ZH;Zuid-Holland;49;22;28;26;16;28;2283;5
0629;WASSENAAR;WASSENAAR;Zuid-Holland;49;22;28;26;16;28;2243;2
0637;ZOETERMEER;ZOETERMEER;Zuid-Holland;49;22;28;26;16;28;2722;8
1916;LEIDSCHENDAM-VOORBURG;VOORBURG;Zuid-Holland;49;22;28;26;16;28;2274;7
1926;PIJNACKER-NOOTDORP;PIJNACKER;Zuid-Holland;49;22;28;26;16;28;2641;1
0503;DELFT;DELFT;Zuid-Holland;50;22;28;27;16;28;2613;12
1783;WESTLAND;NAALDWIJK;Zuid-Holland;49;22;28;27;16;28;2671;8
1842;MIDDEN-DELFLAND;MAASLAND;Zuid-Holland;50;22;28;27;16;28;3155;1
0484;ALPHEN AAN DEN RIJN;ALPHEN AAN DEN RIJN;Zuid-Holland;47;21;27;28;16;27;2405;13
0513;GOUDA;GOUDA;Zuid-Holland;51;21;27;28;16;27;2805;13
0569;NIEUWKOOP;NIEUWKOOP;Zuid-Holland;47;21;27;28;16;27;2421;1
0627;WADDINXVEEN;WADDINXVEEN;Zuid-Holland;51;21;27;28;16;27;2741;1
1931;KRIMPENERWAARD;SCHOONHOVEN;Zuid-Holland;51;21;27;28;16;27;2871;5
0489;BARENDRECHT;BARENDRECHT;Zuid-Holland;54;23;29;29;17;29;2991;5
0501;BRIELLE;BRIELLE;Zuid-Holland;56;23;29;29;17;29;3232;4
0502;CAPELLE AAN DEN IJSSEL;CAPELLE AAN DEN IJSSEL;Zuid-Holland;54;23;29;29;17;29;2903;5
0530;HELLEVOETSLUIS;HELLEVOETSLUIS;Zuid-Holland;56;23;29;29;17;29;3222;2
0542;KRIMPEN AAN DEN IJSSEL;KRIMPEN AAN DEN IJSSEL;Zuid-Holland;54;23;29;29;17;29;2922;2
0556;MAASSLUIS;MAASSLUIS;Zuid-Holland;54;23;29;29;17;29;3142;6
0597;RIDDERKERK;RIDDERKERK;Zuid-Holland;54;23;29;29;17;29;2982;5
0599;ROTTERDAM;ROTTERDAM;Zuid-Holland;54;23;29;29;17;29;3039;78
0606;SCHIEDAM;SCHIEDAM;Zuid-Holland;54;23;29;29;17;29;3118;8
0622;VLAARDINGEN;VLAARDINGEN;Zuid-Holland;54;23;29;29;17;29;3136;9
1621;LANSINGERLAND;BERGSCHENHOEK;Zuid-Holland;54;23;29;29;17;29;2662;6
1892;ZUIDPLAS;NIEUWERKERK AD IJSSEL;Zuid-Holland;54;21;27;29;17;27;2914;2
1924;GOEREE-OVERFLAKKEE;MIDDELHARNIS;Zuid-Holland;57;23;29;29;17;29;3241;5
1930;NISSEWAARD;SPIJKENISSE;Zuid-Holland;54;23;29;29;17;29;3201;8
1963;HOEKSCHE WAARD;OUD-BEIJERLAND;Zuid-Holland;55;23;30;29;17;30;3263;6
0505;DORDRECHT;DORDRECHT;Zuid-Holland;53;23;30;30;18;30;3312;11
0512;GORINCHEM;GORINCHEM;Zuid-Holland;52;23;30;30;18;30;4205;13
0523;HARDINXVELD-GIESSENDAM;HARDINXVELD-GIESSENDAM;Zuid-Holland;52;23;30;30;18;30;3371;2
0590;PAPENDRECHT;PAPENDRECHT;Zuid-Holland;53;23;30;30;18;30;3351;3
0610;SLIEDRECHT;SLIEDRECHT;Zuid-Holland;53;23;30;30;18;30;3362;2
0642;ZWIJNDRECHT;ZWIJNDRECHT;Zuid-Holland;53;23;30;30;18;30;3331;5
1978;MOLENLANDEN;OTTOLAND;Zuid-Holland;52;23;30;30;18;30;2975;1
0677;HULST;HULST;Zeeland;63;24;33;31;19;33;4561;3
0715;TERNEUZEN;TERNEUZEN;Zeeland;62;24;33;31;19;33;4535;7
1714;SLUIS;OOSTBURG;Zeeland;61;24;33;31;19;33;4501;1
0664;GOES;GOES;Zeeland;60;24;31;32;19;31;4461;9
0678;KAPELLE;KAPELLE;Zeeland;60;24;31;32;19;31;4421;1
0687;MIDDELBURG;MIDDELBURG;Zeeland;59;24;32;32;19;32;4335;9
0703;REIMERSWAAL;KRABBENDIJKE;Zeeland;60;24;31;32;19;31;4413;2
0716;THOLEN;THOLEN;Zeeland;64;24;31;32;20;31;4691;1
0718;VLISSINGEN;VLISSINGEN;Zeeland;59;24;32;32;19;32;4385;5
1676;SCHOUWEN-DUIVELAND;ZIERIKZEE;Zeeland;58;24;31;32;17;31;4301;1
0748;BERGEN OP ZOOM;BERGEN OP ZOOM;Noord-Brabant;64;25;34;33;20;34;4611;9
0758;BREDA;BREDA;Noord-Brabant;66;25;34;33;20;34;4818;20
0777;ETTEN-LEUR;ETTEN-LEUR;Noord-Brabant;66;25;34;33;20;34;4873;2
0779;GEERTRUIDENBERG;RAAMSDONKSVEER;Noord-Brabant;66;25;34;33;20;34;4942;1
0826;OOSTERHOUT;OOSTERHOUT NB;Noord-Brabant;66;25;34;33;20;34;4902;5
0840;RUCPHEN;RUCPHEN;Noord-Brabant;65;25;34;33;20;34;4715;1
0851;STEENBERGEN;STEENBERGEN NB;Noord-Brabant;65;25;34;33;20;34;4651;1
0873;WOENSDRECHT;OSSENDRECHT;Noord-Brabant;64;25;34;33;20;34;4641;1
0879;ZUNDERT;ZUNDERT;Noord-Brabant;66;25;34;33;20;34;4881;1
1655;HALDERBERGE;OUDENBOSCH;Noord-Brabant;65;25;34;33;20;34;4731;2
1674;ROOSENDAAL;ROOSENDAAL;Noord-Brabant;65;25;34;33;20;34;4707;6
1709;MOERDIJK;ZEVENBERGEN;Noord-Brabant;65;25;34;33;20;34;4761;1
1719;DRIMMELEN;MADE;Noord-Brabant;66;25;34;33;20;34;4921;1
0744;BAARLE-NASSAU;BAARLE-NASSAU;Noord-Brabant;68;26;34;34;21;34;5111;1
0766;DONGEN;DONGEN;Noord-Brabant;68;26;35;34;21;35;5103;4
0785;GOIRLE;GOIRLE;Noord-Brabant;68;26;35;34;21;35;5051;1
0809;LOON OP ZAND;KAATSHEUVEL;Noord-Brabant;68;26;35;34;21;35;5171;1
0824;OISTERWIJK;OISTERWIJK;Noord-Brabant;68;26;35;34;21;35;5062;3
0855;TILBURG;TILBURG;Noord-Brabant;68;26;35;34;21;35;5012;17
0867;WAALWIJK;WAALWIJK;Noord-Brabant;67;26;35;34;12;35;5146;7
1959;ALTENA;SLEEUWIJK;Noord-Brabant;52;25;34;34;18;34;4254;4
0756;BOXMEER;BOXMEER;Noord-Brabant;73;27;36;35;11;36;5831;3
0757;BOXTEL;BOXTEL;Noord-Brabant;69;27;36;35;12;36;5282;3
0786;GRAVE;GRAVE;Noord-Brabant;30;27;36;35;11;36;5361;2
0796;S HERTOGENBOSCH;'S-HERTOGENBOSCH;Noord-Brabant;69;27;36;35;12;36;5223;10
0797;HEUSDEN;DRUNEN;Noord-Brabant;69;26;36;35;12;36;5151;1
0815;MILL EN SINT HUBERT;MILL;Noord-Brabant;73;27;36;35;11;36;5451;1
0828;OSS;OSS;Noord-Brabant;72;27;36;35;12;36;5342;8
0845;SINT-MICHIELSGESTEL;SINT-MICHIELSGESTEL;Noord-Brabant;69;27;36;35;12;36;5271;2
0856;UDEN;UDEN;Noord-Brabant;71;27;36;35;12;36;5402;2
0865;VUGHT;VUGHT;Noord-Brabant;69;27;36;35;12;36;5262;1
1684;CUIJK;CUIJK;Noord-Brabant;73;27;36;35;11;36;5431;1
1702;SINT ANTHONIS;STEVENSBEEK;Noord-Brabant;73;27;36;35;11;36;5844;1
1721;BERNHEZE;HEESWIJK-DINTHER;Noord-Brabant;72;27;36;35;12;36;5473;2
1948;MEIERIJSTAD;SCHIJNDEL;Noord-Brabant;71;27;36;35;12;36;5481;5
0743;ASTEN;ASTEN;Noord-Brabant;74;28;37;36;22;37;5721;1
0753;BEST;BEST;Noord-Brabant;70;28;37;36;22;37;5684;1
0762;DEURNE;DEURNE;Noord-Brabant;74;28;37;36;22;37;5753;5
0770;EERSEL;EERSEL;Noord-Brabant;70;28;37;36;22;37;5521;1
0772;EINDHOVEN;EINDHOVEN;Noord-Brabant;70;28;37;36;22;37;5652;24
0794;HELMOND;HELMOND;Noord-Brabant;74;28;37;36;22;37;5702;7
0820;NUENEN CA;NUENEN;Noord-Brabant;70;28;37;36;22;37;5671;1
0823;OIRSCHOT;OIRSCHOT;Noord-Brabant;70;28;37;36;22;37;5689;1
0847;SOMEREN;SOMEREN;Noord-Brabant;74;28;37;36;22;37;5711;1
0858;VALKENSWAARD;VALKENSWAARD;Noord-Brabant;70;28;37;36;22;37;5553;1
0861;VELDHOVEN;VELDHOVEN;Noord-Brabant;70;28;37;36;22;37;5504;1
1652;GEMERT-BAKEL;GEMERT;Noord-Brabant;74;28;37;36;22;37;5421;3
1659;LAARBEEK;BEEK EN DONK;Noord-Brabant;74;28;37;36;22;37;5741;1
1706;CRANENDONCK;BUDEL;Noord-Brabant;70;30;37;36;22;37;6021;2
1728;BLADEL;BLADEL;Noord-Brabant;70;28;37;36;22;37;5531;1
1771;GELDROP-MIERLO;GELDROP;Noord-Brabant;70;28;37;36;22;37;5666;1
0889;BEESEL;REUVER;Limburg;76;29;38;37;23;38;5953;1
0907;GENNEP;GENNEP;Limburg;30;29;38;37;11;38;6591;1
0944;MOOK EN MIDDELAAR;MOLENHOEK LB;Limburg;30;13;14;37;11;14;6584;1
0983;VENLO;VENLO;Limburg;76;29;38;37;23;38;5912;4
0984;VENRAY;VENRAY;Limburg;76;29;38;37;23;38;5802;1
1507;HORST AAN DE MAAS;HORST;Limburg;76;29;38;37;23;38;5961;3
1894;PEEL EN MAAS;PANNINGEN;Limburg;76;29;38;37;23;38;5981;1
0946;NEDERWEERT;NEDERWEERT;Limburg;75;30;39;38;22;38;6031;1
0957;ROERMOND;ROERMOND;Limburg;77;31;39;38;24;38;6042;7
0988;WEERT;WEERT;Limburg;75;30;39;38;22;38;6004;5
1640;LEUDAL;HORN;Limburg;77;31;39;38;24;38;6085;2
1711;ECHT-SUSTEREN;ECHT;Limburg;77;31;39;38;24;38;6101;2
0882;LANDGRAAF;LANDGRAAF;Limburg;79;33;41;39;25;39;6371;2
0899;BRUNSSUM;BRUNSSUM;Limburg;79;33;41;39;25;39;6443;1
0917;HEERLEN;HEERLEN;Limburg;79;33;41;39;25;39;6417;21
0928;KERKRADE;KERKRADE;Limburg;79;33;41;39;25;39;6461;1
0935;MAASTRICHT;MAASTRICHT;Limburg;80;34;42;39;25;39;6216;11
0938;MEERSSEN;MEERSSEN;Limburg;80;34;42;39;25;39;6231;1
0971;STEIN;STEIN LB;Limburg;78;32;40;39;25;39;6171;1
0994;VALKENBURG AAN DE GEUL;VALKENBURG LB;Limburg;80;34;42;39;25;39;6301;2
1729;GULPEN-WITTEM;GULPEN;Limburg;80;34;42;39;25;39;6271;1
1883;SITTARD-GELEEN;SITTARD;Limburg;78;32;40;39;25;39;6135;8
0034;ALMERE;ALMERE;Flevoland;28;15;18;40;10;18;1362;19
0050;ZEEWOLDE;ZEEWOLDE;Flevoland;28;15;18;40;10;17;3891;2
0171;NOORDOOSTPOLDER;EMMELOORD;Flevoland;17;15;18;40;05;18;8302;10
0184;URK;URK;Flevoland;17;15;18;40;05;18;8321;3
0303;DRONTEN;DRONTEN;Flevoland;18;15;18;40;05;18;8251;7
0995;LELYSTAD;LELYSTAD;Flevoland;28;15;18;40;10;18;8225;5
"""

GEMEENTEN: tuple[tuple[str, ...], ...] = tuple(
    tuple(line.split(";")) for line in _GEMEENTEN.strip().splitlines()
)
