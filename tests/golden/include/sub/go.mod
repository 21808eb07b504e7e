module example.com/inc/sub

go 1.19
